package io.laneway.router.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.router.support.RouterIntegrationTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/** test.learns is declared fast (10 ms); once the pool reports it taking 45 s, it moves to long-running. */
class LearnedDurationTest extends RouterIntegrationTest {

    private static final String BODY = "{\"type\":\"test.learns\",\"payload\":{}}";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aTypeThatBecomesSlowMovesToTheLongRunningLaneWithoutRestart() {
        assertThat(post(BODY).body()).contains("\"lane\":\"FAST\"");
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("router-duration-learner"),
                Topics.all().get(Topics.LIFECYCLE));

        completions("test.learns", 45_000, 10);

        Await.until("the router to route test.learns to long-running", Duration.ofSeconds(60),
                () -> post(BODY).body().contains("\"lane\":\"LONG_RUNNING\""));
        assertThat(committedOffsets(listeners.getListenerContainer("router-duration-learner").getGroupId()))
                .as("the learner's group commits nothing, so Kafka drops it once the replica is gone").isEmpty();
    }

    private static java.util.Map<?, ?> committedOffsets(String group) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    private static void completions(String type, long millis, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.putAll(Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()));
        try (var producer = new KafkaProducer<String, LifecycleEvent>(props)) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, id, LifecycleEvent.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setMessageId(id).setStatus(MessageStatus.COMPLETED)
                        .setType(type).setLane(Lane.FAST).setOccurredAt(Instant.now()).setDurationMillis(millis).build()));
            }
        }
    }
}
