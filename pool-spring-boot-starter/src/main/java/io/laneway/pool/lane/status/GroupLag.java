package io.laneway.pool.lane.status;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A consumer group's lag on one topic, from the broker: end offsets minus the group's committed offsets. */
class GroupLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupLag.class);

    private final Admin admin;

    GroupLag(Admin admin) {
        this.admin = admin;
    }

    /** Records not yet committed by the group on {@code topic}; null when the broker did not answer within {@code timeout}. */
    Long of(String groupId, String topic, Duration timeout) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return lag(ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())),
                    committed.entrySet().stream().filter(e -> e.getValue() != null)
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("lag of {} on {} unknown: {}", groupId, topic, e.toString());
            return null;
        }
    }

    /** Pure: per partition, end minus committed (a partition the group never committed counts from 0). */
    static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            total += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return total;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
