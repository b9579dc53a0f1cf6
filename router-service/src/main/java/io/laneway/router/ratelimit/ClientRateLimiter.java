package io.laneway.router.ratelimit;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.laneway.router.rejection.TooManyRequestsException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j rate limiter per client (permits refilled every second, never waiting): a flood from
 * one client is refused with 429 while the others keep their own budget.
 */
@Component
public class ClientRateLimiter {

    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final RateLimitProperties properties;
    private final MeterRegistry meters;

    public ClientRateLimiter(RateLimitProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
    }

    /** Takes {@code permits} from the client's budget or throws a 429 carrying Retry-After. */
    public void acquire(String clientId, int permits) {
        var limiter = limiters.rateLimiter(clientId, () -> RateLimiterConfig.custom()
                .limitForPeriod(properties.limitFor(clientId))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        if (!limiter.acquirePermission(permits)) {
            long waitNanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 1_000_000_000L;
            long retryAfterSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            meters.counter("laneway.router.messages.rate_limited", "client", clientId).increment(permits);
            throw new TooManyRequestsException("Rate limit exceeded",
                    "Client '" + clientId + "' may publish " + properties.limitFor(clientId) + " messages per second; retry after "
                            + retryAfterSeconds + " s.", retryAfterSeconds);
        }
    }
}
