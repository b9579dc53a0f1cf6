package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.infra.LocalPostgres;
import io.laneway.infra.TopicContents;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform as users run it: the four service jars as separate JVMs on real Kafka, PostgreSQL
 * and Apicurio. HTTP in, status out, every topic decodable with nothing but the registry URL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    static Platform platform;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startPlatform() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        platform = Platform.start(ServicePorts.random(), root, Path.of("target", "e2e-run").toAbsolutePath());
    }

    @AfterAll
    static void stopPlatformAndLeaveNothingBehind() {
        PlatformShutdown.closeAndAwaitExit(platform, platform.infrastructure().externalProcessIds());
    }

    @Test
    @Order(1)
    void aPublishedMessageIsProcessedAndItsStatusIsCompleted() throws Exception {
        var accepted = http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages"))
                .header("Content-Type", "application/json").header("X-API-Key", platform.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type":"demo.greet","priority":"high","orderingKey":"customer-1","payload":{"name":"Ada"}}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        AtomicReference<String> lastAnswer = new AtomicReference<>();
        Await.until("message " + id + " to be COMPLETED", Duration.ofSeconds(30), () -> {
            try {
                var status = http.send(HttpRequest.newBuilder(URI.create(platform.projectionUrl() + "/v1/messages/" + id))
                                .header("X-API-Key", platform.apiKey()).build(),
                        HttpResponse.BodyHandlers.ofString());
                lastAnswer.set(status.body());
                return status.statusCode() == 200 && status.body().contains("\"status\":\"COMPLETED\"");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(lastAnswer.get()).contains("\"lane\":\"FAST\"").contains("\"type\":\"demo.greet\"");
    }

    @Test
    @Order(2)
    void everyTopicWrittenIsRegisteredAndDecodableWithOnlyTheRegistryUrl() throws Exception {
        String bootstrap = platform.infrastructure().kafkaBootstrapServers();
        String registryUrl = platform.infrastructure().schemaRegistryUrl();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> topics;
        try (Admin admin = Admin.create(adminProps)) {
            topics = admin.listTopics().names().get().stream().filter(t -> !t.startsWith("__")).sorted().toList();
        }
        List<String> subjects = new SchemaRegistryClient(registryUrl).subjects();
        var plainDecoder = new AvroRegistryDeserializer<GenericRecord>();
        plainDecoder.configure(java.util.Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);

        List<String> nonEmpty = new ArrayList<>();
        for (String topic : topics) {
            List<byte[]> values = TopicContents.values(bootstrap, topic);
            if (values.isEmpty()) {
                continue;
            }
            nonEmpty.add(topic);
            assertThat(subjects).as("subject for " + topic).contains(topic + "-value");
            for (byte[] value : values) {
                assertThat(plainDecoder.deserialize(topic, value)).as("a record of " + topic).isNotNull();
            }
        }
        assertThat(nonEmpty).contains("laneway.lane.fast", "laneway.lifecycle");
    }

    @Test
    @Order(3)
    void withTheDemoStockAnOrderCompletesAndOneForASoldOutProductIsCancelled() throws Exception {
        String jdbcUrl = platform.infrastructure().postgres().jdbcUrl(Platform.POOL_DATABASE);
        DemoCatalog.stock(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
        DemoCatalog.stock(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD); // a second start's stocking changes nothing

        Map<String, String> outcomes = new DemoTraffic(platform.routerUrl(), platform.projectionUrl(), platform.apiKey())
                .placeOrders(Duration.ofSeconds(60));

        assertThat(outcomes.values()).containsExactly("COMPLETED", "COMPLETED", "CANCELLED");
    }
}
