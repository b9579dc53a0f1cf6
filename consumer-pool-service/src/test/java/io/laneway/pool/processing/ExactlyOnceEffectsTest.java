package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The pool against real Kafka, PostgreSQL and registry: effects happen once, events leave through the outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExactlyOnceEffectsTest {

    static final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void topics() {
        infra.kafka().createTopics(Topics.all());
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties("pool_test").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void theSameEnvelopeDeliveredTwiceIsProcessedOnce() {
        double processedBefore = count("processed");
        double duplicatesBefore = count("duplicate");
        Envelope envelope = envelope("demo.greet", "{\"name\":\"Grace\"}");

        send(envelope);
        send(envelope);

        await("both deliveries handled", () -> count("duplicate") >= duplicatesBefore + 1 && count("processed") >= processedBefore + 1);
        assertThat(count("processed")).isEqualTo(processedBefore + 1);
        assertThat(jdbc.sql("select greeting from demo_greeting where message_id = ?").param(envelope.getId())
                .query(String.class).list()).containsExactly("Hello, Grace!");
        await("outbox drained", () -> jdbc.sql("select count(*) from outbox_event").query(Long.class).single() == 0);
        assertThat(lifecycleStatuses(envelope.getId())).containsExactly("COMPLETED");
    }

    @Test
    void anEnvelopeNoHandlerCanTakeIsDeadLetteredWithoutEffects() {
        Envelope envelope = envelope("nobody.handles.this", "{}");

        send(envelope);

        await("dead-lettered", () -> lifecycleStatuses(envelope.getId()).contains("DEAD_LETTERED"));
        assertThat(readIds(Topics.DEAD_LETTER)).contains(envelope.getId());
        assertThat(jdbc.sql("select count(*) from processed_message where message_id = ?").param(envelope.getId())
                .query(Long.class).single()).isZero();
    }

    private double count(String outcome) {
        var counter = meters.find("laneway.pool.envelopes").tag("type", "demo.greet").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(30), condition);
    }

    static Envelope envelope(String type, String payloadJson) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        return Envelope.newBuilder().setId(id).setType(type).setPriority(Priority.NORMAL).setOrderingKey(id)
                .setPayload(ByteBuffer.wrap(payloadJson.getBytes(StandardCharsets.UTF_8)))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("test")
                        .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                .build();
    }

    private static void send(Envelope envelope) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            producer.send(new ProducerRecord<>(Topics.LANE_FAST, envelope.getOrderingKey(), envelope));
        }
    }

    private static List<String> lifecycleStatuses(String messageId) {
        List<String> statuses = new ArrayList<>();
        for (GenericRecord event : readAll(Topics.LIFECYCLE)) {
            if (event.get("messageId").toString().equals(messageId)) {
                statuses.add(event.get("status").toString());
            }
        }
        return statuses;
    }

    private static List<String> readIds(String topic) {
        return readAll(topic).stream().map(r -> r.get("id").toString()).toList();
    }

    private static List<GenericRecord> readAll(String topic) {
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(java.util.Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()), false);
        return TopicContents.values(infra.kafkaBootstrapServers(), topic).stream().map(v -> decoder.deserialize(topic, v)).toList();
    }
}
