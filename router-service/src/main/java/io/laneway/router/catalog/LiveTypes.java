package io.laneway.router.catalog;

import io.laneway.contracts.BackgroundFetch;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.registry.SchemaRegistryProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

/**
 * Every router replica reads {@code laneway.types} from its beginning and keeps following it (no consumer group: each
 * replica needs every registration), applying each to the {@link Catalog}: a type a service registers is accepted here
 * within a poll, without a restart. A record that cannot be decoded is logged and skipped (the owner re-sends its types
 * every heartbeat); a broken connection is retried with a pause.
 */
@Component
public class LiveTypes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveTypes.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Catalog catalog;
    private final Map<String, Object> consumerSettings;
    private final String registryUrl;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public LiveTypes(Catalog catalog, KafkaProperties kafka, SchemaRegistryProperties registry) {
        this.catalog = catalog;
        this.registryUrl = registry.url();
        this.consumerSettings = kafka.buildConsumerProperties();
        consumerSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "router-live-types");
        consumerSettings.putAll(BackgroundFetch.settings()); // a registration still arrives at once
        consumerSettings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerSettings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    /** The topic the owners write and every replica reads: one partition (order per type), compacted (the last wins). */
    @Bean
    static NewTopic typesTopic() {
        return TopicBuilder.name(Topics.TYPES).partitions(1).compact().build();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("live-types").daemon().start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        AvroRegistryDeserializer<TypeRegistration> decoder = new AvroRegistryDeserializer<>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl, AvroRegistryDeserializer.SPECIFIC_READER, "true"), false);
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerSettings)) {
                consumer = reader;
                List<TopicPartition> partitions = reader.partitionsFor(Topics.TYPES, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException(Topics.TYPES + " does not exist yet");
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        apply(record, decoder);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Following {} failed ({}); reading it again from its beginning in 2 s", Topics.TYPES, e.toString());
                pause();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, AvroRegistryDeserializer<TypeRegistration> decoder) {
        if (record.value() == null) {
            catalog.remove(record.key());
            return;
        }
        try {
            catalog.apply(decoder.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("Type registration at {}@{} (key {}) skipped: {}", record.partition(), record.offset(), record.key(), e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(2_000); // a retry's back-off, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
