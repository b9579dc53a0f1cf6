package io.laneway.projection.correlation;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Messages by correlation id ({@value #STORE}): each message's ROUTED event, re-keyed by its correlation id (one
 * repartition, one event per message), folded into the ids it ties together. The operator console finds an order's
 * commands, or a job's messages, by it.
 */
public final class CorrelationIndexTopology {

    public static final String STORE = "messages-by-correlation";

    private CorrelationIndexTopology() {
    }

    public static void build(KStream<String, LifecycleEvent> lifecycle) {
        lifecycle.filter((messageId, event) -> event.getStatus() == MessageStatus.ROUTED && event.getCorrelationId() != null)
                .map((messageId, event) -> KeyValue.pair(event.getCorrelationId(), messageId))
                .groupByKey(Grouped.with(STORE, Serdes.String(), Serdes.String()))
                .aggregate(() -> "", (correlationId, messageId, ids) -> CorrelatedMessages.add(ids, messageId),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }
}
