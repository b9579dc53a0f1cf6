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

    /** @param alwaysWatched breakers every lane depends on whatever its handlers call (PostgreSQL's) */
    public LaneBreakers(CircuitBreakerRegistry registry, String... alwaysWatched) {
        this.registry = registry;
        used.addAll(java.util.List.of(alwaysWatched));
    }

    void used(String downstream) {
        if (downstream != null) {
            used.add(downstream);
        }
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
