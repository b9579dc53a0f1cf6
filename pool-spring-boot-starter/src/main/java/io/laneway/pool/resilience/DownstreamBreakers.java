package io.laneway.pool.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.laneway.pool.handler.EnvelopeHandler;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per downstream dependency a handler names; configured under
 * {@code resilience4j.circuitbreaker.instances.<name>} (defaults in application.yml). Handlers that touch only
 * the database have none.
 */
@Component
public class DownstreamBreakers {

    private final CircuitBreakerRegistry registry;

    public DownstreamBreakers(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    public CircuitBreaker forHandler(EnvelopeHandler<?> handler) {
        String downstream = handler.downstream();
        return downstream == null ? null : registry.circuitBreaker(downstream);
    }

    /** True when some breaker is open: the lanes stop taking work until it lets a trial call through. */
    public boolean anyOpen() {
        return registry.getAllCircuitBreakers().stream()
                .anyMatch(b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.FORCED_OPEN);
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
