package io.laneway.saga.order;

import io.laneway.contracts.Topics;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** laneway.order.events (key = order id) folded through {@link OrderSagaTransition} into the saga store. */
@Configuration
public class OrderSagaTopology {

    public static final String STORE = "order-saga";

    @Bean
    KTable<String, OrderSagaState> orderSagas(StreamsBuilder builder, @Value("${laneway.schema-registry.url}") String registryUrl) {
        return builder.stream(Topics.ORDER_EVENTS, Consumed.with(Serdes.String(), LanewaySerdes.<OrderEvent>specificAvro(registryUrl, false)))
                .groupByKey()
                .aggregate(() -> null,
                        (orderId, event, state) -> OrderSagaTransition.apply(state, event),
                        Materialized.<String, OrderSagaState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(LanewaySerdes.specificAvro(registryUrl, false)));
    }
}
