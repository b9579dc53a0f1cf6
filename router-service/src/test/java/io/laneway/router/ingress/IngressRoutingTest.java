package io.laneway.router.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.router.support.RouterIntegrationTest;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** An internal producer's envelope on laneway.ingress is classified like REST traffic and lands on its lane. */
class IngressRoutingTest extends RouterIntegrationTest {

    @Test
    void anIngressEnvelopeIsClassifiedAndStamped() {
        String id = UUID.randomUUID().toString();
        Instant stale = Instant.parse("2020-01-01T00:00:00Z");
        Envelope envelope = Envelope.newBuilder().setId(id).setType("report.render").setPriority(Priority.NORMAL)
                .setOrderingKey("order-1").setPayload(ByteBuffer.wrap("{\"reportId\":\"x\",\"pages\":1}".getBytes()))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(stale).setSource("saga-orchestrator").setTraceId("t").build())
                // whatever lane the producer guessed, the router decides
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(stale).setRoutingVersion(0).build())
                .build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            producer.send(new ProducerRecord<>(Topics.INGRESS, envelope.getOrderingKey(), envelope));
        }

        Await.until("the envelope on the heavy lane", Duration.ofSeconds(30),
                () -> laneRecords(Topics.LANE_HEAVY).stream().anyMatch(r -> r.get("id").toString().equals(id)));
        GenericRecord routed = laneRecords(Topics.LANE_HEAVY).stream().filter(r -> r.get("id").toString().equals(id)).findFirst().orElseThrow();
        GenericRecord routing = (GenericRecord) routed.get("routing");
        assertThat(routing.get("lane").toString()).isEqualTo("HEAVY");
        assertThat((Integer) routing.get("routingVersion")).isEqualTo(1);
        assertThat(Instant.ofEpochMilli((Long) routing.get("routedAt"))).isAfter(stale);
    }
}
