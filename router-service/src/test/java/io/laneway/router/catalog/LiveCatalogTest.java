package io.laneway.router.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;


import io.laneway.contracts.Topics;
import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service registers a brand-new type on {@code laneway.types} while the router runs: the router accepts it within 5 s,
 * routes it to the owner's namespace, shows its owner and revision, applies a change and a withdrawal the same way,
 * and flags a type whose owner stopped sending its heartbeat.
 */
class LiveCatalogTest extends RouterIntegrationTest {

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(5);

    @Autowired
    MeterRegistry meters;

    @Test
    void aTypeRegisteredWhileTheRouterRunsIsAcceptedWithinFiveSecondsAndRoutedToItsOwner() throws Exception {
        String type = "team.fresh-" + UUID.randomUUID().toString().substring(0, 8);
        infra.kafka().createTopics(Map.of("laneway.fresh.lane.fast", 3));
        String body = "{\"type\":\"" + type + "\",\"payload\":{\"n\":1}}";
        assertThat(post(body).statusCode()).as("unknown before its owner registers it").isEqualTo(422);

        register(registration(type, "rev-1", List.of(), Instant.now()));
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        Await.until(type + " to be accepted", APPLIED_WITHIN, () -> {
            answer.set(post(body));
            return answer.get().statusCode() == 202;
        });
        assertThat(answer.get().body()).contains("\"lane\":\"FAST\"");
        String id = idOf(answer.get());
        assertThat(decodeAll(infra.kafkaBootstrapServers(), "laneway.fresh.lane.fast"))
                .as("written to the owner's own lane").anyMatch(e -> e.get("id").toString().equals(id));
        JsonNode listed = entry(type);
        assertThat(listed.get("owner").asString()).isEqualTo("fresh-service");
        assertThat(listed.get("revision").asString()).isEqualTo("rev-1");
        assertThat(listed.get("stale").asBoolean()).isFalse();

        register(registration(type, "rev-2", List.of("someone-else"), Instant.now()));
        Await.until("the change to apply", APPLIED_WITHIN, () -> post(body).statusCode() == 403);

        register(null, type);
        Await.until("the withdrawal to apply", APPLIED_WITHIN, () -> post(body).statusCode() == 422);
    }

    @Test
    void aTypeWhoseOwnerStoppedItsHeartbeatIsFlaggedStale() {
        String type = "team.quiet-" + UUID.randomUUID().toString().substring(0, 8);
        register(registration(type, "rev-1", List.of(), Instant.now().minus(Duration.ofMinutes(10))));

        Await.until(type + " to be listed stale", APPLIED_WITHIN, () -> entry(type) != null && entry(type).get("stale").asBoolean());
        assertThat(meters.get("laneway.router.catalog.stale").gauge().value()).isGreaterThanOrEqualTo(1.0);
    }

    private static TypeRegistration registration(String type, String revision, List<String> allowedClients, Instant seenAt) {
        return TypeRegistration.newBuilder().setType(type).setOwner("fresh-service").setRevision(revision).setNamespace("fresh")
                .setDefaultPriority("NORMAL").setCostClass("LIGHT").setExpectedDurationMillis(20).setMaxAttempts(3)
                .setTimeoutMillis(60_000).setAllowedClients(allowedClients).setSeenAt(seenAt).build();
    }

    private static void register(TypeRegistration registration) {
        register(registration, registration.getType());
    }

    private static void register(TypeRegistration registration, String key) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        try (var producer = new KafkaProducer<String, TypeRegistration>(props)) {
            producer.send(new ProducerRecord<>(Topics.TYPES, key, registration)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type's line in GET /v1/types, or null. */
    private JsonNode entry(String type) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/types"))
                    .header("Authorization", Tokens.bearer("test-client")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode entry : JsonMapper.builder().build().readTree(body)) {
                if (entry.get("type").asString().equals(type)) {
                    return entry;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
