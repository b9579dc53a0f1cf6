package io.laneway.infra;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether every partition of new topics can take writes. Metadata naming a leader is not enough: the broker's metadata
 * cache can name it before its replica manager leads the partition, and a produce then meets NotLeaderOrFollower (an
 * idempotent test producer went on to OutOfOrderSequence and expired its records). ListOffsets is answered by the
 * leading replica itself, so its success is the readiness that matters.
 */
final class ReadyPartitions {

    private ReadyPartitions() {
    }

    static boolean allLead(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((topic, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        return true;
    }
}
