package io.laneway.projection.lanes;

import java.util.List;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.LaneTypeMinuteStats;

/** How lifecycle events add up into one lane-type-minute, and how two of them merge. Pure. */
public final class LaneStatsAggregation {

    private LaneStatsAggregation() {
    }

    public static LaneTypeMinuteStats empty() {
        return new LaneTypeMinuteStats(0L, 0L, 0L, List.of());
    }

    /** Whether an event changes the statistics at all. */
    public static boolean counts(LifecycleEvent event) {
        return switch (event.getStatus()) {
            case ROUTED, COMPLETED, FAILED, DEAD_LETTERED -> true;
            default -> false;
        };
    }

    /**
     * ROUTED counts as accepted (the router's word that the lane took it), COMPLETED as completed with its
     * duration, FAILED and DEAD_LETTERED as failed. Other stages do not change the statistics.
     */
    public static LaneTypeMinuteStats add(LaneTypeMinuteStats stats, LifecycleEvent event) {
        LaneTypeMinuteStats.Builder after = LaneTypeMinuteStats.newBuilder(stats);
        switch (event.getStatus()) {
            case ROUTED -> after.setAccepted(stats.getAccepted() + 1);
            case COMPLETED -> {
                after.setCompleted(stats.getCompleted() + 1);
                if (event.getDurationMillis() != null) {
                    after.setDurationBuckets(DurationHistogram.record(stats.getDurationBuckets(), event.getDurationMillis()));
                }
            }
            case FAILED, DEAD_LETTERED -> after.setFailed(stats.getFailed() + 1);
            default -> {
                return stats;
            }
        }
        return after.build();
    }

    public static LaneTypeMinuteStats merge(LaneTypeMinuteStats a, LaneTypeMinuteStats b) {
        return new LaneTypeMinuteStats(a.getAccepted() + b.getAccepted(), a.getCompleted() + b.getCompleted(),
                a.getFailed() + b.getFailed(), DurationHistogram.merge(a.getDurationBuckets(), b.getDurationBuckets()));
    }

    /** The window store's key: one entry per lane and type, so an update rewrites only that type's numbers. */
    public static String key(String lane, String type) {
        return lane + "|" + type;
    }

    public static String laneOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    public static String typeOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
