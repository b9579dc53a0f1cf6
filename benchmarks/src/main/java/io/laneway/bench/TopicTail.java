package io.laneway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.launcher.Platform;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** How the end-to-end benchmarks see outcomes: they follow a topic read committed, as any downstream consumer would. */
final class TopicTail {

    private TopicTail() {
    }

    /** Hands every record of {@code topic} (key, decoded value) to {@code onRecord} while {@code running} holds. */
    static void follow(Platform platform, String topic, String offsetReset, BooleanSupplier running,
                       BiConsumer<String, GenericRecord> onRecord) {
        Properties props = readCommitted(platform.infrastructure().kafkaBootstrapServers(), "bench-tail-");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        var decoder = decoder(platform.infrastructure().schemaRegistryUrl());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            consumer.subscribe(List.of(topic));
            while (running.getAsBoolean()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    onRecord.accept(record.key(), decoder.deserialize(topic, record.value()));
                }
            }
        }
    }

    /** A read-committed consumer's settings in a group of its own: string keys, raw values. */
    static Properties readCommitted(String bootstrapServers, String groupPrefix) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** Decodes the platform's Avro values through the registry. */
    static AvroRegistryDeserializer<GenericRecord> decoder(String registryUrl) {
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        return decoder;
    }
}
