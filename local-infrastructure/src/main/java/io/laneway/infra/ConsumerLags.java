package io.laneway.infra;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the work is waiting: every consumer group's lag per topic, as one readable block. For a test that timed out
 * waiting on a pipeline, so its failure says which stage stopped, not only that the end never came.
 */
public final class ConsumerLags {

    private ConsumerLags() {
    }

    /** One line per group and topic: {@code group topic lag=N}; what went wrong if the cluster did not answer. */
    public static String report(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000); // must not be below the request timeout
        try (Admin admin = Admin.create(props)) {
            Map<String, Long> lagByGroupAndTopic = new TreeMap<>();
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                var ends = admin.listOffsets(committed.keySet().stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
                committed.forEach((partition, offset) -> {
                    long lag = offset == null ? 0 : Math.max(0, ends.get(partition).offset() - offset.offset());
                    lagByGroupAndTopic.merge(group.groupId() + " " + partition.topic(), lag, Long::sum);
                });
            }
            return lagByGroupAndTopic.entrySet().stream().map(e -> e.getKey() + " lag=" + e.getValue())
                    .collect(Collectors.joining("\n"));
        } catch (Exception e) {
            return "consumer lag unavailable: " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
        }
    }
}
