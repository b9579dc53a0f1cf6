package io.laneway.pool.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The schema registry as a dependency with its own circuit breaker ({@value #NAME}, configured under
 * {@code resilience4j.circuitbreaker.instances.schema-registry}). A record the lanes cannot decode because the registry
 * does not answer counts as a failure here; every lane watches the breaker and, while it is open, fetches and runs
 * nothing. The first record decoded afterwards closes it. Readiness reports it (out of service until it closes again).
 */
@Component("schemaRegistry")
public class RegistryBreaker implements HealthIndicator {

    public static final String NAME = "schema-registry";

    private final CircuitBreaker breaker;

    public RegistryBreaker(CircuitBreakerRegistry registry) {
        this.breaker = registry.circuitBreaker(NAME);
    }

    @Override
    public Health health() {
        CircuitBreaker.State state = breaker.getState();
        // half-open is a trial, not a recovery: ready again only once a record was decoded
        Health.Builder health = state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED
                ? Health.up() : Health.outOfService();
        return health.withDetail("circuitBreaker", state.name()).build();
    }
}
