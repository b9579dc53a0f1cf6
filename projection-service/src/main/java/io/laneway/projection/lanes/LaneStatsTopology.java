package io.laneway.projection.lanes;

import java.time.Duration;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.LaneTypeMinuteStats;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

/** Per-lane, per-type, per-minute statistics in the {@value #STORE} window store (one per partition, merged when queried). */
public final class LaneStatsTopology {

    public static final String STORE = "lane-stats";
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private LaneStatsTopology() {
    }

    public static void build(StreamsBuilder builder, KStream<String, LifecycleEvent> lifecycle, String registryUrl,
                             Duration grace, Duration retention, Runnable onLateEvent) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, retention.plus(WINDOW).plus(grace), WINDOW, false),
                Serdes.String(), LanewaySerdes.<LaneTypeMinuteStats>specificAvro(registryUrl, false)).withCachingEnabled());
        lifecycle.process(() -> new LaneStatsProcessor(WINDOW, grace, onLateEvent), STORE);
    }
}
