package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.infra.Await;
import io.laneway.infra.LocalPostgres;
import io.laneway.infra.TopicContents;
import io.laneway.launcher.faults.EnvelopeFeed;
import io.laneway.launcher.faults.NothingLost;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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

    /**
     * The saga writes its commands to the ingress topic in Kafka transactions. Commands of aborted transactions were never
     * sent: the router must not route them, and each committed one runs exactly once (the nothing-lost report).
     */
    @Test
    @Order(4)
    void ingressCommandsOfAbortedTransactionsAreNeverRunAndCommittedOnesRunOnce() throws Exception {
        String bootstrap = platform.infrastructure().kafkaBootstrapServers();
        String registry = platform.infrastructure().schemaRegistryUrl();
        List<String> committed = EnvelopeFeed.newIds(100);
        List<String> aborted = EnvelopeFeed.newIds(100);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", AvroRegistrySerializer.class.getName());
        props.put(AvroRegistrySerializer.REGISTRY_URL, registry);
        props.put("transactional.id", "e2e-aborted-ingress-" + UUID.randomUUID());
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            producer.initTransactions();
            for (int batch = 0; batch < 10; batch++) { // aborted and committed transactions interleaved on one partition
                List<String> ids = (batch % 2 == 0 ? aborted : committed).subList(batch / 2 * 20, batch / 2 * 20 + 20);
                producer.beginTransaction();
                for (String id : ids) {
                    producer.send(new ProducerRecord<>(Topics.INGRESS, "ingress-e2e", command(id)));
                }
                if (batch % 2 == 0) {
                    producer.flush();
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }
        }

        var check = new NothingLost(bootstrap, registry,
                platform.infrastructure().springProperties(Platform.POOL_DATABASE));
        var report = check.awaitReport("aborted ingress transactions between committed ones", committed, Duration.ofSeconds(120));
        assertThat(report.lost()).as(report.toString()).isZero();
        assertThat(report.duplicated()).as(report.toString()).isZero();
        assertThat(report.completed()).as(report.toString()).isEqualTo(committed.size());
        assertThat(check.effects(aborted)).as("no command of an aborted transaction ran").isZero();
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry), false);
        assertThat(TopicContents.values(bootstrap, Topics.LIFECYCLE).stream().map(v -> decoder.deserialize(Topics.LIFECYCLE, v))
                .map(e -> e.get("messageId").toString())).as("none was even routed").doesNotContainAnyElementsOf(aborted);
    }

    /**
     * examples/invoicing-service, a team's service on nothing but the pool starter and the contracts, started last into
     * the running platform: it registers its payload schema and its type, the running router accepts the type within
     * 5 s (first test: right after the service became ready), checks payloads against that schema, and the message is
     * handled on the team's own lanes, recorded in the team's own table (its own Flyway chain), and COMPLETED like any other.
     */
    @Test
    @Order(0)
    void aTeamServiceOnThePoolStarterRegistersItsTypeAndHandlesItOnItsOwnLanes() throws Exception {
        String invoiceId = "inv-" + UUID.randomUUID();
        String invoice = """
                {"type":"invoicing.issue","payload":{"invoiceId":"%s","customer":"acme","amountCents":1250,"currency":"EUR"}}"""
                .formatted(invoiceId);
        AtomicReference<HttpResponse<String>> first = new AtomicReference<>();
        Await.until("the running router to accept the type the team service registered", Duration.ofSeconds(5), () -> {
            try {
                first.set(post(invoice));
                return first.get().statusCode() == 202;
            } catch (Exception e) {
                return false;
            }
        });
        var accepted = first.get();
        var types = http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/types"))
                .header("X-API-Key", platform.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(types.body()).contains("\"type\":\"invoicing.issue\"").contains("\"owner\":\"invoicing-service\"");
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        AtomicReference<String> lastAnswer = new AtomicReference<>();
        Await.until("invoicing.issue " + id + " to be COMPLETED", Duration.ofSeconds(30), () -> {
            try {
                var status = http.send(HttpRequest.newBuilder(URI.create(platform.projectionUrl() + "/v1/messages/" + id))
                        .header("X-API-Key", platform.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
                lastAnswer.set(status.body());
                return status.statusCode() == 200 && status.body().contains("\"status\":\"COMPLETED\"");
            } catch (Exception e) {
                return false;
            }
        });
        var db = platform.infrastructure().datasourceProperties(Platform.INVOICING_DATABASE);
        try (Connection connection = DriverManager.getConnection(db.get("spring.datasource.url"),
                db.get("spring.datasource.username"), db.get("spring.datasource.password"));
             var query = connection.prepareStatement("select customer, amount_cents, message_id from invoice where invoice_id = ?")) {
            query.setString(1, invoiceId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the team's handler wrote its row").isTrue();
                assertThat(row.getString("customer")).isEqualTo("acme");
                assertThat(row.getLong("amount_cents")).isEqualTo(1250);
                assertThat(row.getString("message_id")).isEqualTo(id);
            }
        }
        // routed to the team's own fast lane, its payload as Avro of the team's schema: the registry URL alone reads both
        var envelopeDecoder = new AvroRegistryDeserializer<GenericRecord>();
        envelopeDecoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, platform.infrastructure().schemaRegistryUrl()), false);
        GenericRecord routed = TopicContents.values(platform.infrastructure().kafkaBootstrapServers(), "laneway.invoicing.lane.fast")
                .stream().map(v -> envelopeDecoder.deserialize("laneway.invoicing.lane.fast", v))
                .filter(e -> e.get("id").toString().equals(id)).findFirst().orElseThrow();
        byte[] payload = PayloadCodec.bytes((ByteBuffer) routed.get("payload"));
        assertThat(PayloadCodec.toPlain(PayloadCodec.decode(payload,
                SchemaRegistryClient.forUrl(platform.infrastructure().schemaRegistryUrl()))))
                .isEqualTo(Map.of("invoiceId", invoiceId, "customer", "acme", "amountCents", 1250L, "currency", "EUR"));

        var malformed = post("""
                {"type":"invoicing.issue","payload":{"invoiceId":"inv-x","customer":"acme","amountCents":"a lot"}}""");
        assertThat(malformed.statusCode()).as("checked at the door against the schema the team service registered")
                .isEqualTo(422);
        assertThat(malformed.body()).contains("laneway.payload.invoicing.issue");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages"))
                .header("Content-Type", "application/json").header("X-API-Key", platform.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Envelope command(String id) {
        Instant now = Instant.now();
        return Envelope.newBuilder().setId(id).setType("demo.work")
                .setPriority(Priority.NORMAL).setOrderingKey("ingress-e2e")
                .setPayload(ByteBuffer.wrap("{\"millis\":1}".getBytes(StandardCharsets.UTF_8)))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("saga-orchestrator")
                        .setTraceId(id.replace("-", "")).build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST)
                        .setRoutedAt(now).setRoutingVersion(0).build())
                .build();
    }
}
