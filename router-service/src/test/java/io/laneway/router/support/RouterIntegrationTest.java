package io.laneway.router.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.laneway.contracts.Topics;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.TopicContents;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the router's integration tests: one Spring context (cached across subclasses) on the JVM's
 * shared real Kafka, PostgreSQL and registry, plus helpers to post and to look at the lane topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"laneway.router.rate-limit.clients.flooder=3", "laneway.router.backpressure.refresh-interval=200ms",
                "laneway.router.types.[test.learns].expected-duration=10ms", "laneway.router.learning.minimum-samples=5",
                "laneway.security.jwt-hmac-secret=" + Tokens.SECRET_BASE64,
                "laneway.security.api-keys[0].key=test-api-key", "laneway.security.api-keys[0].client=keyed-client",
                "laneway.security.api-keys[0].scopes=messages:write",
                "laneway.security.api-keys[1].key=read-only-key", "laneway.security.api-keys[1].client=reader",
                "laneway.security.api-keys[1].scopes=messages:read",
                "laneway.router.security.clients.keyed-client.allowed-types=demo.greet",
                "laneway.router.security.clients.test-client.allowed-priorities=critical,high,normal,low",
                "laneway.router.types.[test.ordered].ordering-key-field=customerId"})
public abstract class RouterIntegrationTest {

    protected static final LocalInfrastructure infra = LocalInfrastructure.shared();
    protected static final List<String> LANES = List.of(Topics.LANE_FAST, Topics.LANE_HEAVY, Topics.LANE_LONG_RUNNING);

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void topics() {
        infra.kafka().createTopics(Topics.all());
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.springProperties("router_test").forEach((k, v) -> registry.add(k, () -> v));
    }

    protected HttpResponse<String> post(String body) {
        return post(port, body, "test-client");
    }

    protected HttpResponse<String> post(int targetPort, String body, String clientId) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + "/v1/messages"))
                    .header("Content-Type", "application/json").header("Authorization", Tokens.bearer(clientId))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String idOf(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    protected static KafkaConsumer<String, GenericRecord> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroRegistryDeserializer.class);
        props.put("schema.registry.url", infra.schemaRegistryUrl());
        return new KafkaConsumer<>(props);
    }

    protected static Map<TopicPartition, Long> laneEndOffsets() {
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = LANES.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** Every envelope currently on the lane topic. */
    protected static List<GenericRecord> laneRecords(String topic) {
        return decodeAll(infra.kafkaBootstrapServers(), topic);
    }

    /** Every record on a topic of the given broker, decoded through the registry as GenericRecords. */
    public static List<GenericRecord> decodeAll(String bootstrap, String topic) {
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false);
        return TopicContents.values(bootstrap, topic).stream().map(v -> decoder.deserialize(topic, v)).toList();
    }
}
