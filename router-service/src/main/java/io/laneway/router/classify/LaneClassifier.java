package io.laneway.router.classify;

import java.time.Duration;

import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;

/**
 * Chooses a lane. Pure: same inputs, same lane; frameworks only feed it.
 *
 * <ol>
 *   <li>critical work takes the fast lane whatever it costs: it must never queue behind heavy work;</li>
 *   <li>compute-intensive types go to the heavy lane;</li>
 *   <li>types expected to run longer than the threshold go to the long-running lane;</li>
 *   <li>everything else is fast.</li>
 * </ol>
 */
public final class LaneClassifier {

    /** Bump when the rules above change; stamped on every envelope as routingVersion. */
    public static final int ROUTING_VERSION = 1;

    private final Duration longRunningThreshold;

    public LaneClassifier(Duration longRunningThreshold) {
        this.longRunningThreshold = longRunningThreshold;
    }

    public Lane classify(Priority priority, CostClass costClass, Duration expectedDuration) {
        if (priority == Priority.CRITICAL) {
            return Lane.FAST;
        }
        if (costClass == CostClass.COMPUTE_INTENSIVE) {
            return Lane.HEAVY;
        }
        if (expectedDuration != null && expectedDuration.compareTo(longRunningThreshold) > 0) {
            return Lane.LONG_RUNNING;
        }
        return Lane.FAST;
    }
}
