package io.laneway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.projection.LaneTypeMinuteStats;
import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.contracts.projection.ProductSales;
import io.laneway.contracts.serde.LanewaySerdes;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.registry.SchemaRegistryProperties;
import io.laneway.projection.lanes.LaneStatsTopology;
import io.laneway.projection.sales.ProductSalesTopology;
import io.laneway.projection.status.MessageStatusTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every read model's rules with Kafka Streams' TopologyTestDriver (event times set by the test), real registry. */
class ProjectionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, LifecycleEvent> lifecycle;
    private TestInputTopic<String, OrderEvent> orders;
    private int eventIds;

    @BeforeEach
    void topology() {
        String registry = LocalInfrastructure.shared().schemaRegistryUrl();
        StreamsBuilder builder = new StreamsBuilder();
        ProjectionTopology views = new ProjectionTopology();
        var settings = new ProjectionProperties(false, GRACE, Duration.ofHours(24));
        views.lifecycleEvents(builder, meters, new SchemaRegistryProperties(registry), settings);
        views.orderEvents(builder, new SchemaRegistryProperties(registry), settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projection-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/projection-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        lifecycle = driver.createInputTopic(Topics.LIFECYCLE, Serdes.String().serializer(),
                LanewaySerdes.<LifecycleEvent>specificAvro(registry, false).serializer());
        orders = driver.createInputTopic(Topics.ORDER_EVENTS, Serdes.String().serializer(),
                LanewaySerdes.<OrderEvent>specificAvro(registry, false).serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aMessagesStatusKeepsWhenEachStageWasFirstSeenEvenIfTheEventsCameOutOfOrder() {
        lifecycle(MessageStatus.COMPLETED, "m-1", "demo.greet", T0.plusSeconds(2), 40L);
        lifecycle(MessageStatus.ROUTED, "m-1", "demo.greet", T0, null);

        MessageStatusView view = driver.<String, MessageStatusView>getKeyValueStore(MessageStatusTopology.STORE).get("m-1");
        assertThat(view.getStatus()).isEqualTo(MessageStatus.COMPLETED);
        assertThat(view.getTimestamps()).containsEntry("ROUTED", T0).containsEntry("COMPLETED", T0.plusSeconds(2));
    }

    @Test
    void laneStatisticsCountPerMinuteAndTypeAndLeaveOutWhatCameAfterTheGracePeriod() {
        lifecycle(MessageStatus.ROUTED, "m-1", "demo.greet", T0.plusSeconds(5), null);
        lifecycle(MessageStatus.COMPLETED, "m-1", "demo.greet", T0.plusSeconds(6), 12L);
        lifecycle(MessageStatus.DEAD_LETTERED, "m-2", "demo.greet", T0.plusSeconds(7), null);
        lifecycle(MessageStatus.ROUTED, "m-3", "demo.greet", T0.plusSeconds(150), null); // stream time moves to 10:02:30
        lifecycle(MessageStatus.ROUTED, "m-4", "demo.greet", T0.plusSeconds(59), null);  // 10:00 closed at 10:01, grace ended 10:02

        LaneTypeMinuteStats greet = driver.<String, LaneTypeMinuteStats>getWindowStore(LaneStatsTopology.STORE)
                .fetch("FAST|demo.greet", T0.toEpochMilli());
        assertThat(greet.getAccepted()).isEqualTo(1);
        assertThat(greet.getCompleted()).isEqualTo(1);
        assertThat(greet.getFailed()).isEqualTo(1);
        assertThat(meters.counter("laneway.projection.late.events", "view", LaneStatsTopology.STORE).count()).isEqualTo(1);
    }

    @Test
    void aCompletedOrderSellsItsLinesOnceAndACancelledOneSellsNothing() {
        order("o-1", new OrderPlaced("c-1", List.of(new OrderLine("sku-1", 2, 500L), new OrderLine("sku-2", 1, 300L)), 1300L, null), T0);
        order("o-1", new OrderCompleted(), T0.plusSeconds(10));
        order("o-1", new OrderCompleted(), T0.plusSeconds(11)); // a second completion (another event id) changes nothing
        order("o-2", new OrderPlaced("c-2", List.of(new OrderLine("sku-1", 5, 500L)), 2500L, null), T0.plusSeconds(20));
        order("o-2", new OrderCancelled("payment declined"), T0.plusSeconds(30));

        assertThat(total("sku-1")).isEqualTo(new ProductSales(1L, 2L, 1000L));
        assertThat(total("sku-2")).isEqualTo(new ProductSales(1L, 1L, 300L));
        assertThat(window("sku-1", T0)).isEqualTo(new ProductSales(1L, 2L, 1000L));
    }

    @Test
    void aCompletionThatOvertakesThePlacementStillSellsTheLinesOnceTheyAreKnown() {
        order("o-3", new OrderCompleted(), T0.plusSeconds(10));
        assertThat(total("sku-3")).isNull();
        order("o-3", new OrderPlaced("c-3", List.of(new OrderLine("sku-3", 4, 100L)), 400L, null), T0.plusSeconds(11));

        assertThat(total("sku-3")).isEqualTo(new ProductSales(1L, 4L, 400L));
    }

    @Test
    void aSaleLaterThanTheGracePeriodCountsInTheTotalButNotInItsClosedWindow() {
        completedOrder("o-4", "sku-4", T0.plusSeconds(10));
        completedOrder("o-5", "sku-9", T0.plus(Duration.ofMinutes(12))); // stream time: 10:12, 10:00-10:05 closed at 10:06
        completedOrder("o-6", "sku-4", T0.plusSeconds(20));

        assertThat(window("sku-4", T0)).isEqualTo(new ProductSales(1L, 1L, 100L));
        assertThat(total("sku-4")).isEqualTo(new ProductSales(2L, 2L, 200L));
    }

    private void completedOrder(String orderId, String sku, Instant at) {
        order(orderId, new OrderPlaced("c", List.of(new OrderLine(sku, 1, 100L)), 100L, null), at);
        order(orderId, new OrderCompleted(), at);
    }

    private ProductSales total(String sku) {
        return driver.<String, ProductSales>getKeyValueStore(ProductSalesTopology.TOTAL_STORE).get(sku);
    }

    private ProductSales window(String sku, Instant start) {
        return driver.<String, ProductSales>getWindowStore(ProductSalesTopology.WINDOWED_STORE).fetch(sku, start.toEpochMilli());
    }

    private void lifecycle(MessageStatus status, String messageId, String type, Instant at, Long durationMillis) {
        lifecycle.pipeInput(messageId, LifecycleEvent.newBuilder().setEventId("e-" + eventIds++).setMessageId(messageId)
                .setStatus(status).setType(type).setLane(Lane.FAST).setOccurredAt(at).setDurationMillis(durationMillis).build(), at);
    }

    private void order(String orderId, Object event, Instant at) {
        orders.pipeInput(orderId, OrderEvent.newBuilder().setEventId("e-" + eventIds++).setOrderId(orderId).setOccurredAt(at)
                .setEvent(event).build(), at);
    }
}
