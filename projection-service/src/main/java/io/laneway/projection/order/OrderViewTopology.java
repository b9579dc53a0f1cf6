package io.laneway.projection.order;

import io.laneway.contracts.Topics;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.projection.OrderView;
import io.laneway.contracts.projection.ProductSales;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

/** laneway.order.events (key = order id) into the {@value #STORE} store; returns the completed sales, keyed by product. */
public final class OrderViewTopology {

    public static final String STORE = "order-view";

    private OrderViewTopology() {
    }

    public static KStream<String, ProductSales> build(StreamsBuilder builder, String registryUrl) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                LanewaySerdes.<OrderView>specificAvro(registryUrl, false)).withCachingEnabled());
        return builder.stream(Topics.ORDER_EVENTS, Consumed.with(Serdes.String(), LanewaySerdes.<OrderEvent>specificAvro(registryUrl, false)))
                .process(OrderViewProcessor::new, STORE);
    }
}
