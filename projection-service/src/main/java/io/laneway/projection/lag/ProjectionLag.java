package io.laneway.projection.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.projection.lanes.LaneStatsTopology;
import io.laneway.projection.order.OrderViewTopology;
import io.laneway.projection.sales.ProductSalesTopology;
import io.laneway.projection.status.MessageStatusTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code laneway.projection.lag{view}}: how many records of a view's source topic the projection has not yet
 * consumed (end offsets minus the application's committed offsets), refreshed every few seconds with one
 * admin call. An offset lag is what an operator can act on (scale out, look for a stuck task); the
 * consumer's own per-partition metrics are there too, but not per view.
 */
@Component
public class ProjectionLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final Map<String, String> SOURCE_OF_VIEW = Map.of(
            MessageStatusTopology.STORE, Topics.LIFECYCLE,
            LaneStatsTopology.STORE, Topics.LIFECYCLE,
            OrderViewTopology.STORE, Topics.ORDER_EVENTS,
            ProductSalesTopology.WINDOWED_STORE, Topics.ORDER_EVENTS,
            ProductSalesTopology.TOTAL_STORE, Topics.ORDER_EVENTS);

    private final Admin admin;
    private final String applicationId;
    private final Map<String, Long> lagByTopic = new ConcurrentHashMap<>();

    public ProjectionLag(KafkaProperties kafka, MeterRegistry meters) {
        this.admin = Admin.create(kafka.buildAdminProperties());
        this.applicationId = kafka.getStreams().getApplicationId();
        SOURCE_OF_VIEW.forEach((view, topic) -> Gauge.builder("laneway.projection.lag", () -> lagByTopic.getOrDefault(topic, -1L))
                .tag("view", view).tag("topic", topic).baseUnit("records")
                .description("Records of the view's source topic not yet consumed by the projection (-1 = not known yet)")
                .register(meters));
    }

    /** Total lag per source topic; also what the benchmark and tests wait on. */
    public Map<String, Long> lagByTopic() {
        return Map.copyOf(lagByTopic);
    }

    @Scheduled(fixedDelayString = "${laneway.projection.lag-refresh:5s}")
    public void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.LIFECYCLE, Topics.ORDER_EVENTS)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                lag.merge(partition.topic(), Math.max(0, end.offset() - (done == null ? 0 : done.offset())), Long::sum);
            });
            lagByTopic.putAll(lag);
        } catch (Exception e) {
            log.debug("Projection lag not refreshed: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
