package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.SagaStep;
import io.laneway.contracts.order.StockRejected;
import io.laneway.contracts.order.StockReserved;
import io.laneway.contracts.serde.LanewaySerdes;
import io.laneway.infra.LocalInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga topology with Kafka Streams' TopologyTestDriver (records and wall-clock time driven by the test),
 * against the real schema registry. Each test reads as a business rule.
 */
class OrderSagaTopologyTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final SagaTimeouts TIMEOUTS = new SagaTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO);

    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderEvent> events;
    private TestOutputTopic<String, Envelope> commands;
    private TestOutputTopic<String, OrderEvent> outcomes;
    private KeyValueStore<String, OrderSagaState> sagas;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void topology() {
        start(TIMEOUTS);
    }

    private void start(SagaTimeouts timeouts) {
        if (driver != null) {
            driver.close();
        }
        String registry = LocalInfrastructure.shared().schemaRegistryUrl();
        StreamsBuilder builder = new StreamsBuilder();
        meters = new SimpleMeterRegistry();
        OrderSagaTopology.build(builder, registry, timeouts, new SagaMetrics(meters), Duration.ofSeconds(1));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "saga-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/saga-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(builder.build(), props, START);
        events = driver.createInputTopic(Topics.ORDER_EVENTS, Serdes.String().serializer(),
                LanewaySerdes.<OrderEvent>specificAvro(registry, false).serializer());
        commands = driver.createOutputTopic(Topics.INGRESS, Serdes.String().deserializer(),
                LanewaySerdes.<Envelope>specificAvro(registry, false).deserializer());
        outcomes = driver.createOutputTopic(Topics.ORDER_EVENTS, Serdes.String().deserializer(),
                LanewaySerdes.<OrderEvent>specificAvro(registry, false).deserializer());
        sagas = driver.getKeyValueStore(OrderSagaTopology.STORE);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aPlacedOrderIsReservedChargedShippedAndCompleted() {
        reply("o-1", placed());
        reply("o-1", new StockReserved("res-1"));
        reply("o-1", new PaymentCharged("pay-1", 1000L));
        reply("o-1", new OrderShipped("trk-1"));

        assertThat(commandTypes()).containsExactly("order.reserve-stock", "order.charge-payment", "order.ship");
        assertThat(outcomeTypes()).contains("OrderCompleted");
        assertThat(sagas.get("o-1").getStep()).isEqualTo(SagaStep.COMPLETED);
    }

    @Test
    void sagasInFlightCountThoseNotYetCompletedOrCancelled() {
        reply("o-10", placed());
        reply("o-11", placed());
        assertThat(inFlight()).isEqualTo(2);

        reply("o-10", new StockReserved("res-10"));
        reply("o-10", new PaymentCharged("pay-10", 1000L));
        reply("o-10", new OrderShipped("trk-10"));
        assertThat(inFlight()).isEqualTo(1);

        reply("o-11", new StockRejected("sold out"));
        assertThat(inFlight()).isZero();
    }

    private double inFlight() {
        return meters.get("laneway.saga.in_flight").gauge().value();
    }

    @Test
    void everyCommandIsKeyedByTheOrderAndCarriesItAsCorrelation() {
        reply("o-2", placed());
        var command = commands.readKeyValue();
        assertThat(command.key).isEqualTo("o-2");
        assertThat(command.value.getMetadata().getCorrelationId()).isEqualTo("o-2");
        assertThat(new String(command.value.getPayload().array(), StandardCharsets.UTF_8)).contains("\"sku\":\"sku-1\"");
    }

    @Test
    void aReplyThatDoesNotComeInTimeTriggersCompensationAndALateChargeIsRefunded() {
        reply("o-3", placed());
        reply("o-3", new StockReserved("res-3"));
        commands.readValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(31)); // the payment step's deadline passes

        assertThat(commandTypes()).containsExactly("order.release-stock");
        assertThat(sagas.get("o-3").getStep()).isEqualTo(SagaStep.COMPENSATING);
        reply("o-3", new PaymentCharged("pay-late", 1000L)); // the gateway answered after all
        assertThat(commandTypes()).containsExactly("order.refund-payment");
    }

    @Test
    void stockThatIsNotReservedInTimeCancelsTheOrder() {
        reply("o-4", placed());
        driver.advanceWallClockTime(Duration.ofSeconds(31));

        assertThat(sagas.get("o-4").getStep()).isEqualTo(SagaStep.CANCELLED);
        assertThat(outcomes.readValuesToList()).extracting(OrderEvent::getEvent)
                .contains(new OrderCancelled("stock reservation timed out"));
    }

    @Test
    void aDuplicateReplyDoesNotRepeatTheNextStep() {
        reply("o-5", placed());
        reply("o-5", new StockReserved("res-5"));
        reply("o-5", new StockReserved("res-5"));

        assertThat(commandTypes()).containsExactly("order.reserve-stock", "order.charge-payment");
    }

    @Test
    void aStepAnsweredInTimeDoesNotTimeOutLater() {
        reply("o-6", placed());
        reply("o-6", new StockReserved("res-6"));
        reply("o-6", new PaymentCharged("pay-6", 1000L));
        commands.readValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(45)); // past the stock and payment deadlines, not shipping's

        assertThat(commands.isEmpty()).isTrue();
        assertThat(sagas.get("o-6").getStep()).isEqualTo(SagaStep.AWAITING_SHIPMENT);
        assertThat(outcomeTypes()).doesNotContain("OrderCancelled", "OrderCompleted");
    }

    @Test
    void aReplyWaitingInTheLogWhenTheOrchestratorStartsIsReadBeforeItsDeadlineIsJudged() {
        start(new SagaTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofSeconds(60)));
        reply("o-7", placed());
        commands.readValuesToList();

        driver.advanceWallClockTime(Duration.ofSeconds(45)); // stock's deadline passed, but we started 45 s ago
        assertThat(sagas.get("o-7").getStep()).isEqualTo(SagaStep.AWAITING_STOCK);
        reply("o-7", new StockReserved("res-7"));
        assertThat(commandTypes()).containsExactly("order.charge-payment");

        driver.advanceWallClockTime(Duration.ofSeconds(31)); // caught up: the payment deadline is judged as usual
        assertThat(commandTypes()).containsExactly("order.release-stock");
    }

    @Test
    void aStepWaitingWhenTheOrchestratorRestartsStillTimesOut() {
        reply("o-8", placed());
        OrderSagaState waitingForStock = sagas.get("o-8");
        // a restarted task: its saga store restored from the changelog, the memory-only deadline index empty
        String registry = LocalInfrastructure.shared().schemaRegistryUrl();
        var context = new org.apache.kafka.streams.processor.api.MockProcessorContext<String, org.apache.avro.specific.SpecificRecord>();
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        var restored = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(OrderSagaTopology.STORE), Serdes.String(),
                LanewaySerdes.<OrderSagaState>specificAvro(registry, false)).withLoggingDisabled().build();
        var emptyIndex = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(OrderSagaTopology.DEADLINES), Serdes.String(),
                Serdes.String()).withLoggingDisabled().build();
        for (var store : List.of(restored, emptyIndex)) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        restored.put("o-8", waitingForStock);
        SimpleMeterRegistry restartedMeters = new SimpleMeterRegistry();
        new OrderSagaProcessor(TIMEOUTS, Duration.ofSeconds(1), new SagaMetrics(restartedMeters)).init(context);
        assertThat(restartedMeters.get("laneway.saga.in_flight").gauge().value()).isEqualTo(1);

        context.scheduledPunctuators().getFirst().getPunctuator().punctuate(START.plusSeconds(31).toEpochMilli());

        assertThat(restored.get("o-8").getStep()).as("the index was rebuilt from the saga's own deadline").isEqualTo(SagaStep.CANCELLED);
    }

    private void reply(String orderId, Object event) {
        events.pipeInput(orderId, OrderEvent.newBuilder().setEventId(orderId + "-" + System.nanoTime()).setOrderId(orderId)
                .setOccurredAt(START).setEvent(event).build());
    }

    private List<String> commandTypes() {
        return commands.readValuesToList().stream().map(e -> e.getType()).toList();
    }

    private List<String> outcomeTypes() {
        return outcomes.readValuesToList().stream().map(e -> e.getEvent().getClass().getSimpleName()).toList();
    }

    private static OrderPlaced placed() {
        return new OrderPlaced("cust-1", List.of(new OrderLine("sku-1", 2, 500L)), 1000L, null);
    }
}
