package io.laneway.pool.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL as a dependency with its own Resilience4j circuit breaker ({@value #NAME}, configured under
 * {@code resilience4j.circuitbreaker.instances.postgresql}). Every lane watches it: while it is open the lanes
 * fetch nothing and run nothing; a half-open trial batch that commits closes it again.
 */
@Component
public class DatabaseBreaker {

    public static final String NAME = "postgresql";

    private final CircuitBreaker breaker;

    public DatabaseBreaker(CircuitBreakerRegistry registry) {
        this.breaker = registry.circuitBreaker(NAME);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }
}
