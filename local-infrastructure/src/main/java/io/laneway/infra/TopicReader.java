package io.laneway.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic's committed record values from its beginning, read by one consumer that keeps its place: each
 * {@link #readNew} returns only what arrived since the last. For tests and checks that watch a topic grow, not for
 * hot paths.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private boolean caughtUp;

    public TopicReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        consumer.seekToBeginning(consumer.assignment());
    }

    /** Values (tombstones left out) up to the end offsets taken now, or as far as it got within {@code limit}. */
    public List<byte[]> readNew(Duration limit) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + limit.toNanos();
        List<byte[]> values = new ArrayList<>();
        while (!(caughtUp = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()))
                && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.value() != null) {
                    values.add(r.value());
                }
            });
        }
        return values;
    }

    /** Whether the last {@link #readNew} reached the end offsets it took. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
