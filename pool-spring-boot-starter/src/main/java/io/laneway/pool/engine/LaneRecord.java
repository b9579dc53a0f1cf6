package io.laneway.pool.engine;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * A record as the pool holds it between poll and completion; decoded by the worker, not the poll thread.
 * {@code type} is the envelope's type from its header ({@link io.laneway.contracts.LaneHeaders}), null when the
 * producer did not set it: known before decoding, it sizes batches.
 */
public record LaneRecord(TopicPartition partition, long offset, String key, byte[] value, Headers headers, long timestamp,
                         String type) {

    /** Records with the same Kafka key (the envelope's ordering key) in one partition run in order. */
    String orderingKey() {
        return partition.partition() + "/" + (key != null ? key : "@" + offset);
    }

    public String origin() {
        return partition.topic() + "-" + partition.partition() + "@" + offset;
    }
}
