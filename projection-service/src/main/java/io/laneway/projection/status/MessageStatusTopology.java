package io.laneway.projection.status;

import io.laneway.contracts.Topics;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** laneway.lifecycle (key = message id) folded into the {@value #STORE} key-value store. */
@Configuration
public class MessageStatusTopology {

    public static final String STORE = "message-status";

    @Bean
    KTable<String, MessageStatusView> messageStatus(StreamsBuilder builder,
                                                    @Value("${laneway.schema-registry.url}") String registryUrl) {
        return builder.stream(Topics.LIFECYCLE, Consumed.with(Serdes.String(),
                        LanewaySerdes.<LifecycleEvent>specificAvro(registryUrl, false)))
                .groupByKey()
                .aggregate(() -> null,
                        (messageId, event, view) -> StatusTransition.apply(view, event),
                        Materialized.<String, MessageStatusView, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(LanewaySerdes.specificAvro(registryUrl, false)));
    }
}
