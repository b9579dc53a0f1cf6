package io.laneway.projection.lanes;

import java.util.HashMap;
import java.util.Map;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.LaneMinuteStats;
import io.laneway.contracts.projection.TypeMinuteStats;

/** How lifecycle events add up into one lane-minute, and how two lane-minutes merge. Pure. */
public final class LaneStatsAggregation {

    private LaneStatsAggregation() {
    }

    public static LaneMinuteStats empty() {
        return new LaneMinuteStats(new HashMap<>());
    }

    /**
     * ROUTED counts as accepted (the router's word that the lane took it), COMPLETED as completed with its
     * duration, FAILED and DEAD_LETTERED as failed. Other stages do not change the statistics.
     */
    public static LaneMinuteStats add(LaneMinuteStats stats, LifecycleEvent event) {
        TypeMinuteStats before = stats.getTypes().getOrDefault(event.getType(), new TypeMinuteStats(0L, 0L, 0L, java.util.List.of()));
        TypeMinuteStats.Builder after = TypeMinuteStats.newBuilder(before);
        switch (event.getStatus()) {
            case ROUTED -> after.setAccepted(before.getAccepted() + 1);
            case COMPLETED -> {
                after.setCompleted(before.getCompleted() + 1);
                if (event.getDurationMillis() != null) {
                    after.setDurationBuckets(DurationHistogram.record(before.getDurationBuckets(), event.getDurationMillis()));
                }
            }
            case FAILED, DEAD_LETTERED -> after.setFailed(before.getFailed() + 1);
            default -> {
                return stats;
            }
        }
        Map<String, TypeMinuteStats> types = new HashMap<>(stats.getTypes());
        types.put(event.getType(), after.build());
        return new LaneMinuteStats(types);
    }

    public static LaneMinuteStats merge(LaneMinuteStats a, LaneMinuteStats b) {
        Map<String, TypeMinuteStats> types = new HashMap<>(a.getTypes());
        b.getTypes().forEach((type, theirs) -> types.merge(type, theirs, (x, y) -> new TypeMinuteStats(
                x.getAccepted() + y.getAccepted(), x.getCompleted() + y.getCompleted(), x.getFailed() + y.getFailed(),
                DurationHistogram.merge(x.getDurationBuckets(), y.getDurationBuckets()))));
        return new LaneMinuteStats(types);
    }
}
