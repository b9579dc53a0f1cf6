package io.laneway.pool.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The circuit breakers a lane's handlers have called. While one of them is open the lane takes no work and
 * fetches nothing; when its wait is over the breaker turns half-open by itself, the lane lets the trial
 * calls through, and a success closes it.
 */
public final class LaneBreakers {

    private final CircuitBreakerRegistry registry;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final CircuitBreaker schemaRegistry;

    /**
     * @param schemaRegistryBreaker the breaker that hears of records not decodable for want of the schema registry
     * @param alwaysWatched         breakers every lane depends on whatever its handlers call (PostgreSQL's)
     */
    public LaneBreakers(CircuitBreakerRegistry registry, String schemaRegistryBreaker, String... alwaysWatched) {
        this.registry = registry;
        this.schemaRegistry = registry.circuitBreaker(schemaRegistryBreaker);
        used.add(schemaRegistryBreaker);
        used.addAll(java.util.List.of(alwaysWatched));
    }

    /** A record could not be decoded because the registry did not answer. */
    void registryUnreachable(Throwable error) {
        schemaRegistry.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, error);
    }

    /** A record was decoded: closes the registry's breaker after an outage (a volatile read otherwise). */
    void registryAnswered() {
        if (schemaRegistry.getState() != CircuitBreaker.State.CLOSED) {
            schemaRegistry.onSuccess(0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    void used(String downstream) {
        if (downstream != null) {
            used.add(downstream);
        }
    }

    /** Each breaker this lane depends on, by name, with its state (CLOSED, OPEN, HALF_OPEN, ...). */
    public java.util.Map<String, String> states() {
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        for (String name : used) {
            states.put(name, registry.circuitBreaker(name).getState().name());
        }
        return states;
    }

    boolean open() {
        for (String name : used) {
            CircuitBreaker.State state = registry.circuitBreaker(name).getState();
            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
                return true;
            }
        }
        return false;
    }
}
