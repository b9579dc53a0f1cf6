package io.laneway.router.backpressure;

import io.laneway.contracts.envelope.Priority;

/**
 * Whether a lane may take more work of a given priority, given its consumer lag. Pure.
 *
 * <pre>
 *   lag <= healthy                      accept
 *   lag >  healthy                      slow (a short pause before answering: pushes back on clients)
 *   lag >  healthy x shedLowFactor      shed LOW
 *   lag >  healthy x shedNormalFactor   shed NORMAL too
 *   lag >  healthy x shedHighFactor     shed HIGH too
 *   CRITICAL                            never shed
 * </pre>
 */
public record SheddingPolicy(double shedLowFactor, double shedNormalFactor, double shedHighFactor) {

    public enum Decision { ACCEPT, SLOW, SHED }

    public static SheddingPolicy defaults() {
        return new SheddingPolicy(2, 4, 8);
    }

    public Decision decide(Priority priority, long lag, long healthyLag) {
        if (lag <= healthyLag) {
            return Decision.ACCEPT;
        }
        double factor = switch (priority) {
            case CRITICAL -> Double.POSITIVE_INFINITY;
            case HIGH -> shedHighFactor;
            case NORMAL -> shedNormalFactor;
            case LOW -> shedLowFactor;
        };
        return lag > healthyLag * factor ? Decision.SHED : Decision.SLOW;
    }
}
