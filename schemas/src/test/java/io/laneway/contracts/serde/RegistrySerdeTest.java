package io.laneway.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.registry.SchemaRegistryException;
import io.laneway.infra.LocalInfrastructure;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Against the real Apicurio Registry 3.3.3, through its Confluent-compatible API only. */
class RegistrySerdeTest {

    private final String registryUrl = LocalInfrastructure.shared().schemaRegistryUrl();
    private final SchemaRegistryClient registry = SchemaRegistryClient.forUrl(registryUrl);

    static Envelope envelope() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Envelope.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setType("demo.greet")
                .setPriority(Priority.HIGH)
                .setOrderingKey("customer-42")
                .setPayload(ByteBuffer.wrap("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("test")
                        .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736").setIdempotencyKey("k-1").build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                .build();
    }

    @Test
    void roundTripsThroughTheConfluentWireFormatAndRegistersBackwardTransitive() {
        String topic = "serde-test-" + UUID.randomUUID();
        var serializer = new AvroRegistrySerializer<Envelope>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        var deserializer = new AvroRegistryDeserializer<Envelope>();
        deserializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl, AvroRegistryDeserializer.SPECIFIC_READER, true), false);
        Envelope original = envelope();

        byte[] bytes = serializer.serialize(topic, original);

        assertThat(bytes[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
        int id = ConfluentWireFormat.schemaId(bytes);
        assertThat(registry.schemaById(id).getFullName()).isEqualTo("io.laneway.contracts.envelope.Envelope");
        assertThat(registry.subjects()).contains(topic + "-value");
        assertThat(registry.compatibility(topic + "-value")).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(original);
    }

    @Test
    void writersSettingTheSameCompatibilityOnANewSubjectAtOnceAllSucceed() throws Exception {
        // what several services serializing to a new topic at the same moment do: Apicurio answers all but one
        // concurrent creation of the subject's rule with 409
        for (int round = 0; round < 10; round++) {
            String subject = "race-" + System.nanoTime() + "-value";
            var start = new java.util.concurrent.CountDownLatch(1);
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                var results = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        registry.setCompatibility(subject, SchemaRegistryClient.BACKWARD_TRANSITIVE);
                        return null;
                    }));
                }
                start.countDown();
                for (var result : results) {
                    result.get(60, java.util.concurrent.TimeUnit.SECONDS); // beyond the client's own attempts (3 x 10 s)
                }
            }
            assertThat(registry.compatibility(subject)).isEqualTo(SchemaRegistryClient.BACKWARD_TRANSITIVE);
        }
    }

    @Test
    void aPlainConsumerWithOnlyTheRegistryUrlDecodesGenerically() {
        String topic = "generic-test-" + UUID.randomUUID();
        var serializer = new AvroRegistrySerializer<Envelope>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        Envelope original = envelope();
        var plain = new AvroRegistryDeserializer<GenericRecord>();
        plain.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);

        GenericRecord decoded = plain.deserialize(topic, serializer.serialize(topic, original));

        assertThat(decoded.get("id").toString()).isEqualTo(original.getId());
        assertThat(decoded.get("orderingKey").toString()).isEqualTo("customer-42");
    }

    @Test
    void theRegistryRefusesAnIncompatibleSchemaOnABackwardTransitiveSubject() {
        String subject = "compat-test-" + UUID.randomUUID() + "-value";
        Schema v1 = new Schema.Parser().parse("""
                {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"}]}""");
        Schema compatible = new Schema.Parser().parse("""
                {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"},
                 {"name":"b","type":["null","string"],"default":null}]}""");
        Schema incompatible = new Schema.Parser().parse("""
                {"type":"record","name":"Thing","namespace":"t","fields":[{"name":"a","type":"string"},
                 {"name":"c","type":"int"}]}""");
        registry.setCompatibility(subject, SchemaRegistryClient.BACKWARD_TRANSITIVE);
        registry.register(subject, v1);

        assertThat(registry.isCompatible(subject, compatible)).isTrue();
        assertThat(registry.isCompatible(subject, incompatible)).isFalse();
        assertThat(registry.register(subject, compatible)).isPositive();
        assertThatThrownBy(() -> registry.register(subject, incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatibleSchema()).isTrue());
    }
}
