package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.laneway.client.Accepted;
import io.laneway.client.BatchResult;
import io.laneway.client.LanewayClient;
import io.laneway.client.LanewayProblem;
import io.laneway.client.LanewayTimeout;
import io.laneway.client.Message;
import io.laneway.client.MessageStatus;
import io.laneway.contracts.Topics;
import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** laneway-client against the real router and status view: 429 and 503 retried, idempotent retries, awaited statuses. */
@ExtendWith(SecuredPlatform.class)
class LanewayClientTest {

    /** Client "alice": publishes at the router (messages:write) and reads her own messages at the projection. */
    private static final String ALICE = "matrix-alice-key";
    private static Platform platform;

    record Greet(String name) {
    }

    record Work(long millis) {
    }

    @BeforeAll
    static void platform() {
        platform = SecuredPlatform.platform();
    }

    private static LanewayClient client(String key, LanewayClient.RetryListener onRetry) {
        return LanewayClient.builder(URI.create(platform.routerUrl())).apiKey(key).maxAttempts(6)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2)).onRetry(onRetry).build();
    }

    @Test
    void aPublishedMessageIsAwaitedUntilItsStatusIsFinal() {
        LanewayClient client = client(ALICE, (attempt, status, wait) -> { });
        Accepted accepted = client.publish(Message.of("demo.greet", new Greet("Ada")).withPriority("high"));

        MessageStatus status = client.awaitStatus(accepted, Duration.ofSeconds(30));

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.id()).isEqualTo(accepted.id());
        assertThat(accepted.lane()).isEqualTo("FAST");
        Accepted slow = client.publish(Message.of("demo.work", new Work(3_000)));
        assertThatThrownBy(() -> client.awaitStatus(slow, Duration.ofMillis(300))).isInstanceOf(LanewayTimeout.class)
                .hasMessageContaining(slow.id());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsTheSameMessage() {
        LanewayClient client = client(ALICE, (attempt, status, wait) -> { });
        Message message = Message.of("demo.greet", new Greet("Grace")).withIdempotencyKey("client-test-" + UUID.randomUUID());

        Accepted first = client.publish(message);
        Accepted again = client.publish(message);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.keyRecorded()).isTrue();
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterUntilAccepted() {
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        LanewayClient client = client(SecuredPlatform.FLOODER_KEY, (attempt, status, wait) -> {
            refusals.add(status);
            waits.add(wait);
        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // one a second is this client's budget
            ids.add(client.publish(Message.of("demo.greet", new Greet("flood " + i))).id());
        }

        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(refusals).as("the router refused some with 429").contains(429).containsOnly(429);
        assertThat(waits).as("never sooner than Retry-After (1 s)").allMatch(wait -> wait.compareTo(Duration.ofSeconds(1)) >= 0);
    }

    @Test
    void a503IsRetriedAndTheRetrySucceedsOnceTheCauseIsGone() throws Exception {
        String type = "client.late-schema-" + UUID.randomUUID().toString().substring(0, 8);
        String subject = "laneway.payload." + type;
        register(type, subject);
        Await.until("the router to know " + type, Duration.ofSeconds(10), () -> types().contains(type));

        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(platform.infrastructure().schemaRegistryUrl());
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        LanewayClient client = client(ALICE, (attempt, status, wait) -> {
            refusals.add(status);
            if (refusals.size() == 1) { // the schema's owner registers it while the client waits to retry
                registry.register(subject, new Schema.Parser().parse(
                        "{\"type\":\"record\",\"name\":\"Late\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}"));
            }
        });

        Accepted accepted = client.publish(Message.of(type, Map.of("n", 1)));

        assertThat(refusals).as("503 while the payload schema could not be read").containsExactly(503);
        assertThat(accepted.id()).isNotBlank();
    }

    @Test
    void aRefusalThatARetryCannotFixIsThrownAtOnceAsAProblem() {
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        LanewayClient client = client(ALICE, (attempt, status, wait) -> refusals.add(status));

        assertThatThrownBy(() -> client.publish(Message.of("no.such-type", Map.of("a", 1))))
                .isInstanceOfSatisfying(LanewayProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.detail()).contains("not in the catalog");
                });
        assertThat(refusals).as("not retried").isEmpty();
        BatchResult batch = client.publishBatch(List.of(Message.of("demo.greet", new Greet("one")),
                Message.of("no.such-type", Map.of("a", 1))));
        assertThat(batch.items().get(0).accepted()).isNotNull();
        assertThat(batch.items().get(1).problem().status()).isEqualTo(422);
    }

    /** A type registered as its owner would, naming a payload schema subject the registry does not have yet. */
    private static void register(String type, String subject) {
        Properties props = new Properties();
        props.put("bootstrap.servers", platform.infrastructure().kafkaBootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", AvroRegistrySerializer.class.getName());
        props.put(AvroRegistrySerializer.REGISTRY_URL, platform.infrastructure().schemaRegistryUrl());
        try (var producer = new KafkaProducer<String, TypeRegistration>(props)) {
            producer.send(new ProducerRecord<>(Topics.TYPES, type, TypeRegistration.newBuilder().setType(type).setOwner("late-service")
                    .setRevision("r1").setDefaultPriority("NORMAL").setCostClass("LIGHT").setExpectedDurationMillis(10)
                    .setMaxAttempts(1).setTimeoutMillis(60_000).setPayloadSchema(subject).setSeenAt(Instant.now()).build())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String types() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/types"))
                    .header("X-API-Key", ALICE).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }
}
