package io.laneway.router.backpressure;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The pool's consumer lag per lane, as the router sees it: refreshed in the background every few seconds
 * (never on the request path) and served from a cache. A partition the group never committed counts
 * from its log start: all of it is waiting.
 */
@Component
public class LaneLagMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LaneLagMonitor.class);

    private final Admin admin;
    private final String group;
    private volatile Map<Lane, Long> lagByLane = new EnumMap<>(Lane.class);

    public LaneLagMonitor(KafkaAdmin kafkaAdmin, BackpressureProperties properties, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        // a lag probe that cannot answer in a few seconds is stale anyway; never let it pile up
        config.put("request.timeout.ms", 5000);
        config.put("default.api.timeout.ms", 5000);
        this.admin = Admin.create(config);
        this.group = properties.consumerGroup();
        for (Lane lane : Lane.values()) {
            Gauge.builder("laneway.router.lane.lag", this, m -> m.lag(lane)).tag("lane", Topics.laneName(lane))
                    .description("Consumer lag of the pool on this lane, as last seen by the router").register(meters);
        }
    }

    public long lag(Lane lane) {
        return lagByLane.getOrDefault(lane, 0L);
    }

    @Scheduled(fixedDelayString = "${laneway.router.backpressure.refresh-interval:2s}")
    public void refresh() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, Lane> laneOf = new HashMap<>();
            var descriptions = admin.describeTopics(List.of(Topics.LANE_FAST, Topics.LANE_HEAVY, Topics.LANE_LONG_RUNNING))
                    .allTopicNames().get(5, TimeUnit.SECONDS);
            for (Lane lane : Lane.values()) {
                String topic = Topics.laneTopic(lane);
                descriptions.get(topic).partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(topic, p.partition());
                    latest.put(tp, OffsetSpec.latest());
                    earliest.put(tp, OffsetSpec.earliest());
                    laneOf.put(tp, lane);
                });
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            for (Lane lane : Lane.values()) {
                // the pool runs one consumer group per lane: <prefix>-fast, <prefix>-heavy, <prefix>-long-running
                String laneGroup = group + "-" + lane.name().toLowerCase().replace('_', '-');
                admin.listConsumerGroupOffsets(laneGroup).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                        .forEach((tp, offset) -> {
                            if (offset != null && laneOf.get(tp) == lane) {
                                committed.put(tp, offset);
                            }
                        });
            }
            Map<Lane, Long> lags = new EnumMap<>(Lane.class);
            for (var entry : ends.entrySet()) {
                TopicPartition tp = entry.getKey();
                OffsetAndMetadata done = committed.get(tp);
                long from = done != null ? done.offset() : starts.get(tp).offset();
                lags.merge(laneOf.get(tp), Math.max(0, entry.getValue().offset() - from), Long::sum);
            }
            lagByLane = lags;
        } catch (Exception e) {
            // keep the last known lags: a monitoring hiccup must not open or close the gates by itself
            log.warn("Lane lag refresh failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
