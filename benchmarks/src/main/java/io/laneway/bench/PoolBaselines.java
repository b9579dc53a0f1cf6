package io.laneway.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * The pool benchmark's two baselines, consuming the same preloaded fast lane and doing the pool's exactly-once work
 * ({@link Work}) one transaction per record: a plain Spring Kafka listener container (what {@code @KafkaListener}
 * builds), concurrency = partitions, and Confluent Parallel Consumer with KEY ordering.
 */
final class PoolBaselines {

    private PoolBaselines() {
    }

    static PoolBenchmark.Result listener(String bootstrap, String registry, DataSource db, int expected) throws Exception {
        Map<String, Object> props = consumerProps(bootstrap, "bench-listener");
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(props);
        var containerProps = new ContainerProperties(Topics.LANE_FAST);
        var work = new Work(db, registry);
        containerProps.setMessageListener((MessageListener<String, byte[]>) record -> work.process(record.value()));
        var container = new ConcurrentMessageListenerContainer<>(factory, containerProps);
        container.setConcurrency(PoolBenchmark.PARTITIONS);
        container.start();
        try {
            return PoolBenchmark.measure("Spring Kafka listener, concurrency " + PoolBenchmark.PARTITIONS + ", 1 tx/record", db, expected);
        } finally {
            container.stop();
        }
    }

    static PoolBenchmark.Result parallelConsumer(String bootstrap, String registry, DataSource db, int expected) throws Exception {
        Map<String, Object> props = consumerProps(bootstrap, "bench-pc");
        var consumer = new KafkaConsumer<String, byte[]>(props);
        var options = ParallelConsumerOptions.<String, byte[]>builder()
                .ordering(ParallelConsumerOptions.ProcessingOrder.KEY)
                .maxConcurrency(PoolBenchmark.PC_CONCURRENCY)
                .consumer(consumer)
                .build();
        var processor = ParallelStreamProcessor.createEosStreamProcessor(options);
        var work = new Work(db, registry);
        processor.subscribe(List.of(Topics.LANE_FAST));
        processor.poll(context -> work.process(context.getSingleConsumerRecord().value()));
        try {
            return PoolBenchmark.measure("Parallel Consumer 0.5.3.3, KEY order, concurrency " + PoolBenchmark.PC_CONCURRENCY + ", 1 tx/record", db, expected);
        } finally {
            processor.closeDontDrainFirst(Duration.ofSeconds(10));
        }
    }

    /** What each baseline does per record: the pool's exactly-once work, one transaction each. */
    static final class Work {
        private final DataSource db;
        private final AvroRegistryDeserializer<Envelope> decoder = new AvroRegistryDeserializer<>();
        private final AvroRegistrySerializer<SpecificRecord> encoder = new AvroRegistrySerializer<>();

        Work(DataSource db, String registry) {
            this.db = db;
            decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry, AvroRegistryDeserializer.SPECIFIC_READER, "true"), false);
            encoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry), false);
        }

        void process(byte[] value) {
            Envelope envelope = decoder.deserialize(Topics.LANE_FAST, value);
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement claim = c.prepareStatement(
                        "insert into processed_message (message_id, type) values (?, ?) on conflict do nothing")) {
                    claim.setString(1, envelope.getId());
                    claim.setString(2, envelope.getType());
                    if (claim.executeUpdate() == 0) {
                        c.rollback();
                        return;
                    }
                }
                long started = System.nanoTime();
                Thread.sleep(PoolBenchmark.WORK_MILLIS);
                try (PreparedStatement effect = c.prepareStatement("insert into demo_work (message_id) values (?)")) {
                    effect.setString(1, envelope.getId());
                    effect.executeUpdate();
                }
                LifecycleEvent done = LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setMessageId(envelope.getId()).setStatus(MessageStatus.COMPLETED).setType(envelope.getType())
                        .setLane(Lane.FAST).setOccurredAt(Instant.now()).setDurationMillis((System.nanoTime() - started) / 1_000_000)
                        .build();
                try (PreparedStatement outbox = c.prepareStatement(
                        "insert into outbox_event (topic, record_key, payload, trace_id) values (?, ?, ?, ?)")) {
                    outbox.setString(1, "bench.baseline.lifecycle");
                    outbox.setString(2, envelope.getId());
                    outbox.setBytes(3, encoder.serialize(Topics.LIFECYCLE, done));
                    outbox.setString(4, envelope.getMetadata().getTraceId());
                    outbox.executeUpdate();
                }
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, Object> consumerProps(String bootstrap, String group) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
