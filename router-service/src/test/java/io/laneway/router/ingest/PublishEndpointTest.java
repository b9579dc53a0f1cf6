package io.laneway.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.laneway.contracts.Topics;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.infra.LocalInfrastructure;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The router against the real broker and registry: what is accepted lands on its lane; what is refused lands nowhere. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublishEndpointTest {

    static final LocalInfrastructure infra = LocalInfrastructure.shared();
    static final List<String> LANES = List.of(Topics.LANE_FAST, Topics.LANE_HEAVY, Topics.LANE_LONG_RUNNING);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void topics() {
        infra.kafka().createTopics(Topics.all());
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("laneway.schema-registry.url", infra::schemaRegistryUrl);
    }

    @Test
    void acceptedMessageLandsOnItsLaneAsAvroAnyRegistryClientCanRead() throws Exception {
        var response = post("""
                {"type":"report.render","priority":"high","orderingKey":"report-7","payload":{"reportId":"r7","pages":3},
                 "idempotencyKey":"k-7"}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"lane\":\"HEAVY\"").contains("\"statusUrl\"");
        String id = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        GenericRecord envelope = readUntilFound(Topics.LANE_HEAVY, id);
        assertThat(envelope.get("type").toString()).isEqualTo("report.render");
        assertThat(envelope.get("priority").toString()).isEqualTo("HIGH");
        assertThat(((GenericRecord) envelope.get("routing")).get("lane").toString()).isEqualTo("HEAVY");
        assertThat(((GenericRecord) envelope.get("metadata")).get("idempotencyKey").toString()).isEqualTo("k-7");
    }

    @Test
    void criticalWorkTakesTheFastLaneWhateverItCosts() throws Exception {
        var response = post("""
                {"type":"report.render","priority":"critical","payload":{"reportId":"r8","pages":1}}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"lane\":\"FAST\"");
    }

    @Test
    void badInputGetsProblemJsonAndNothingReachesKafka() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();

        var malformed = post("{\"type\":\"demo.greet\",");
        var unknownPriority = post("{\"type\":\"demo.greet\",\"priority\":\"urgent\",\"payload\":{}}");
        var missingType = post("{\"payload\":{}}");
        var unknownType = post("{\"type\":\"no.such.type\",\"payload\":{}}");
        String big = "{\"type\":\"demo.greet\",\"payload\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
        var oversized = post(big);
        var oversizedChunked = http.send(HttpRequest.newBuilder(uri("/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(malformed, 400, "not a valid JSON");
        assertProblem(unknownPriority, 400, "critical, high, normal, low");
        assertProblem(missingType, 400, "type must not be blank");
        assertProblem(unknownType, 422, "demo.greet");
        assertProblem(oversized, 413, "limit is 262144 bytes");
        assertProblem(oversizedChunked, 413, "262144 bytes");
        assertThat(endOffsets()).isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailFragment) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains(detailFragment).doesNotContain("Exception");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/v1/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private KafkaConsumer<String, GenericRecord> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroRegistryDeserializer.class);
        props.put("schema.registry.url", infra.schemaRegistryUrl());
        return new KafkaConsumer<>(props);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = LANES.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private GenericRecord readUntilFound(String topic, String id) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().get("id").toString().equals(id)) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("envelope " + id + " never appeared on " + topic);
    }
}
