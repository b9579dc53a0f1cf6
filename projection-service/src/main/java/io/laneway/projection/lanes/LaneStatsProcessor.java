package io.laneway.projection.lanes;

import java.time.Duration;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.LaneTypeMinuteStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds each lifecycle event to its lane-type-minute in this task's window store (key {@code lane|type}, so an
 * update reads and rewrites one type's numbers, not the whole lane's).
 *
 * <p>Why not {@code groupBy(lane).windowedBy(...)}: that re-shuffles every lifecycle event through a
 * repartition topic (a second produce, consume and changelog write per event) to reach one of only three keys.
 * Here each partition keeps its own lane-minutes, and a query merges them (the statistics are sums and
 * mergeable histograms, see {@link LaneStatsAggregation#merge}). Events later than the grace period after
 * their minute closed (by this task's stream time) are dropped and counted, like the DSL's windows do.
 */
final class LaneStatsProcessor implements Processor<String, LifecycleEvent, Void, Void> {

    private final long windowMillis;
    private final long graceMillis;
    private final Runnable onLateEvent;
    private WindowStore<String, LaneTypeMinuteStats> store;
    private long streamTime = Long.MIN_VALUE;

    LaneStatsProcessor(Duration window, Duration grace, Runnable onLateEvent) {
        this.windowMillis = window.toMillis();
        this.graceMillis = grace.toMillis();
        this.onLateEvent = onLateEvent;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(LaneStatsTopology.STORE);
    }

    @Override
    public void process(Record<String, LifecycleEvent> record) {
        LifecycleEvent event = record.value();
        if (event == null || event.getLane() == null || !LaneStatsAggregation.counts(event)) {
            return;
        }
        long timestamp = record.timestamp();
        streamTime = Math.max(streamTime, timestamp);
        long windowStart = timestamp - Math.floorMod(timestamp, windowMillis);
        if (windowStart + windowMillis + graceMillis <= streamTime) {
            onLateEvent.run();
            return;
        }
        String key = LaneStatsAggregation.key(event.getLane().name(), event.getType());
        LaneTypeMinuteStats before = store.fetch(key, windowStart);
        store.put(key, LaneStatsAggregation.add(before == null ? LaneStatsAggregation.empty() : before, event), windowStart);
    }
}
