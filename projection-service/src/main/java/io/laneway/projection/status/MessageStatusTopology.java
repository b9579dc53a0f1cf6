package io.laneway.projection.status;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** laneway.lifecycle (key = message id, so no repartition) folded into the {@value #STORE} key-value store. */
public final class MessageStatusTopology {

    public static final String STORE = "message-status";

    private MessageStatusTopology() {
    }

    public static KTable<String, MessageStatusView> build(KStream<String, LifecycleEvent> lifecycle, String registryUrl) {
        return lifecycle.groupByKey()
                .aggregate(() -> null,
                        (messageId, event, view) -> StatusTransition.apply(view, event),
                        Materialized.<String, MessageStatusView, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(LanewaySerdes.specificAvro(registryUrl, false)));
    }
}
