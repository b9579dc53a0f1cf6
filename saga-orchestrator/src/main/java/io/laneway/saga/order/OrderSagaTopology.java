package io.laneway.saga.order;

import io.laneway.registry.SchemaRegistryProperties;
import java.time.Duration;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.serde.LanewaySerdes;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * laneway.order.events (key = order id) -> {@link OrderSagaProcessor} -> commands to laneway.ingress, outcomes
 * to laneway.order.events. Plain Spring Kafka Streams ({@code @EnableKafkaStreams} via Boot), not the Spring
 * Cloud Stream binder: the saga needs the Processor API (two state stores, a wall-clock punctuation, outputs of
 * two types to two topics), which the binder's functional model hides rather than helps with.
 */
@Configuration
@EnableConfigurationProperties(SagaProperties.class)
public class OrderSagaTopology {

    public static final String STORE = "order-saga";
    public static final String DEADLINES = "order-saga-deadlines";

    @Bean
    SagaMetrics sagaMetrics(MeterRegistry meters) {
        return new SagaMetrics(meters);
    }

    @Bean
    SagaTimeouts sagaTimeouts(SagaProperties saga) {
        return saga.timeouts();
    }

    @Bean
    KStream<String, SpecificRecord> orderSaga(StreamsBuilder builder, SchemaRegistryProperties registry, SagaTimeouts timeouts,
                                              SagaMetrics metrics, SagaProperties saga) {
        return build(builder, registry.url(), timeouts, metrics, saga.timeoutCheckInterval());
    }

    /** The topology itself (also what the TopologyTestDriver tests run). */
    public static KStream<String, SpecificRecord> build(StreamsBuilder builder, String registryUrl, SagaTimeouts timeouts,
                                                        SagaMetrics metrics, Duration checkEvery) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                LanewaySerdes.<OrderSagaState>specificAvro(registryUrl, false)));
        // derived from the sagas' own deadlines and rebuilt from them when a task starts (OrderSagaProcessor.init), so
        // neither logged nor persisted: two changelog records fewer per saga step (benchmarks/results/design-notes.md#deadlines-not-logged)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEADLINES), Serdes.String(), Serdes.String())
                .withLoggingDisabled());
        KStream<String, SpecificRecord> outputs = builder
                .stream(Topics.ORDER_EVENTS, Consumed.with(Serdes.String(), LanewaySerdes.<OrderEvent>specificAvro(registryUrl, false)))
                .process(() -> new OrderSagaProcessor(timeouts, checkEvery, metrics), STORE, DEADLINES);
        outputs.to((orderId, value, context) -> value instanceof Envelope ? Topics.INGRESS : Topics.ORDER_EVENTS,
                Produced.with(Serdes.String(), LanewaySerdes.<SpecificRecord>specificAvro(registryUrl, false)));
        return outputs;
    }
}
