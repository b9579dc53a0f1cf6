package io.laneway.saga.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.saga.*}.
 *
 * @param timeouts             how long each step may wait for its participant ({@link SagaTimeouts}; defaults there)
 * @param timeoutCheckInterval how often step deadlines are checked (a missed deadline is acted on within this much)
 */
@ConfigurationProperties("laneway.saga")
public record SagaProperties(SagaTimeouts timeouts, Duration timeoutCheckInterval) {

    public SagaProperties {
        timeouts = timeouts == null ? SagaTimeouts.defaults() : timeouts;
        timeoutCheckInterval = timeoutCheckInterval == null ? Duration.ofSeconds(1) : timeoutCheckInterval;
    }
}
