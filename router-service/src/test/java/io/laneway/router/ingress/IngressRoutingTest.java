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

    private static final Instant STALE = Instant.parse("2020-01-01T00:00:00Z");

    @Test
    void anIngressEnvelopeIsClassifiedAndStamped() {
        String id = UUID.randomUUID().toString();
        Instant stale = STALE;
        Envelope envelope = command(id);
        try (var producer = new KafkaProducer<String, Envelope>(producerProperties())) {
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

    /** The saga writes its commands in Kafka transactions: a command of an aborted transaction was never sent. */
    @Test
    void aCommandFromAnAbortedTransactionIsNotRouted() {
        String aborted = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        Properties props = producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingress-test-" + UUID.randomUUID());
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INGRESS, "order-aborted", command(aborted)));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INGRESS, "order-aborted", command(committed)));
            producer.commitTransaction();
        }

        Await.until("the committed command on the heavy lane", Duration.ofSeconds(30),
                () -> laneRecords(Topics.LANE_HEAVY).stream().anyMatch(r -> r.get("id").toString().equals(committed)));
        assertThat(laneRecords(Topics.LANE_HEAVY).stream().map(r -> r.get("id").toString()))
                .as("read in order, so the aborted one (written first) would be there by now").doesNotContain(aborted);
    }

    private static Envelope command(String id) {
        return Envelope.newBuilder().setId(id).setType("report.render").setPriority(Priority.NORMAL)
                .setOrderingKey("order-1").setPayload(ByteBuffer.wrap("{\"reportId\":\"x\",\"pages\":1}".getBytes()))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(STALE).setSource("saga-orchestrator").setTraceId("t").build())
                // whatever lane the producer guessed, the router decides
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(STALE).setRoutingVersion(0).build())
                .build();
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        return props;
    }
}
