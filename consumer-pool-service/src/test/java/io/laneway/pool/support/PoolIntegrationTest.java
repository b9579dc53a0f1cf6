package io.laneway.pool.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.TopicContents;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One pool context for every integration test of this module (Spring caches it), on the JVM's shared real
 * Kafka, PostgreSQL and registry, with the test handlers of {@link TestHandlers} and an admin API key.
 */
@SpringBootTest(classes = io.laneway.poolservice.ConsumerPoolApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.flyway.locations=classpath:db/migration,classpath:db/testmigration",
        // not the default, so a consumer group that ignores the prefix shows (DeploymentGroupsTest)
        "laneway.pool.group-prefix=" + PoolIntegrationTest.GROUP_PREFIX,
        "laneway.security.api-keys[0].key=" + PoolIntegrationTest.ADMIN_KEY,
        "laneway.security.api-keys[0].client=operator-ada",
        "laneway.security.api-keys[0].scopes[0]=admin",
        "laneway.security.api-keys[1].key=" + PoolIntegrationTest.READER_KEY,
        "laneway.security.api-keys[1].client=reader",
        "laneway.security.api-keys[1].scopes[0]=messages:write",
        "laneway.pool.retry.initial-delay=200ms",
        "laneway.pool.retry.max-delay=1s",
        "laneway.pool.retry.max-attempts-by-type.[test.poison]=3",
        "resilience4j.circuitbreaker.instances.flaky-gateway.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.flaky-gateway.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.flaky-gateway.wait-duration-in-open-state=2s",
        "resilience4j.circuitbreaker.instances.flaky-gateway.permitted-number-of-calls-in-half-open-state=1",
})
@Import(TestHandlers.class)
public abstract class PoolIntegrationTest {

    public static final String ADMIN_KEY = "pool-admin-key";
    public static final String READER_KEY = "pool-reader-key";
    public static final String GROUP_PREFIX = "pool-it";

    protected static final LocalInfrastructure infra = LocalInfrastructure.shared();
    private static KafkaProducer<String, Envelope> producer;

    @BeforeAll
    static void topicsAndProducer() {
        infra.kafka().createTopics(Topics.all());
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
            producer = new KafkaProducer<>(props);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties("pool_test").forEach((k, v) -> registry.add(k, () -> v));
    }

    public static Envelope envelope(String type, String orderingKey, String payloadJson) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        return Envelope.newBuilder().setId(id).setType(type).setPriority(Priority.NORMAL)
                .setOrderingKey(orderingKey == null ? id : orderingKey)
                .setPayload(ByteBuffer.wrap(payloadJson.getBytes(StandardCharsets.UTF_8)))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("test")
                        .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                .build();
    }

    /** Sends in order (one producer, idempotent, so same-key records keep their order) and waits for the acks. */
    public static void send(String topic, List<Envelope> envelopes) {
        sendAll(envelopes.stream().map(e -> new ProducerRecord<>(topic, e.getOrderingKey(), e)).toList());
    }

    /** Sends to one partition, so the records share it whatever their keys. */
    public static void sendToPartition(String topic, int partition, List<Envelope> envelopes) {
        sendAll(envelopes.stream().map(e -> new ProducerRecord<>(topic, partition, e.getOrderingKey(), e)).toList());
    }

    private static void sendAll(List<ProducerRecord<String, Envelope>> records) {
        var acks = records.stream().map(producer::send).toList();
        producer.flush();
        acks.forEach(ack -> {
            try {
                ack.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void send(Envelope envelope) {
        send(Topics.LANE_FAST, List.of(envelope));
    }

    public static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }

    public static List<String> lifecycleStatuses(String messageId) {
        List<String> statuses = new ArrayList<>();
        for (GenericRecord event : readAll(Topics.LIFECYCLE)) {
            if (event.get("messageId").toString().equals(messageId)) {
                statuses.add(event.get("status").toString());
            }
        }
        return statuses;
    }

    public static List<String> readIds(String topic) {
        return readAll(topic).stream().map(r -> r.get("id").toString()).toList();
    }

    public static List<GenericRecord> readAll(String topic) {
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()), false);
        return TopicContents.values(infra.kafkaBootstrapServers(), topic).stream().map(v -> decoder.deserialize(topic, v)).toList();
    }
}
