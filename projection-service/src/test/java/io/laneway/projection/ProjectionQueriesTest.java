package io.laneway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.infra.Await;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.projection.query.InstanceRouter;
import io.laneway.projection.support.ProjectionEvents;
import io.laneway.projection.support.ProjectionInstance;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.tools.StreamsResetter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real projection-service instances on the same topics (shared broker and registry): every read model
 * answers the same from either instance, keys owned by the other instance are routed there, and a rebuild
 * from the log (the README's procedure: stop, reset, wipe state, start) gives back exactly the same views.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionQueriesTest {

    private static final String APPLICATION_ID = "projection-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Path STATE = Path.of("target", "projection-it-state").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProjectionEvents events;
    private static ProjectionInstance first;
    private static ProjectionInstance second;
    private static final Map<String, String> answersBeforeRebuild = new LinkedHashMap<>();

    @BeforeAll
    static void twoInstances() {
        events = ProjectionEvents.publish(300, 60);
        first = ProjectionInstance.start(APPLICATION_ID, STATE.resolve("first"), true);
        second = ProjectionInstance.start(APPLICATION_ID, STATE.resolve("second"), true);
    }

    @AfterAll
    static void stop() {
        for (ProjectionInstance instance : new ProjectionInstance[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void eitherInstanceGivesTheSameAnswerForEveryKeyRoutingToTheOwnerWhenNeeded() {
        awaitCaughtUp(first, second);
        List<String> paths = queries();
        int routedByFirst = 0;
        for (String path : paths) {
            HttpResponse<String> fromFirst = first.get(path);
            HttpResponse<String> fromSecond = second.get(path);
            assertThat(fromFirst.statusCode()).as("%s on the first instance: %s", path, fromFirst.body()).isEqualTo(200);
            assertThat(fromSecond.statusCode()).as("%s on the second instance: %s", path, fromSecond.body()).isEqualTo(200);
            assertThat(comparable(path, fromSecond.body())).as(path).isEqualTo(comparable(path, fromFirst.body()));
            assertThat(fromFirst.headers().allValues(InstanceRouter.SERVED_BY)).as("one server named").hasSize(1);
            String servedBy = fromFirst.headers().firstValue(InstanceRouter.SERVED_BY).orElseThrow();
            if (servedBy.equals(second.endpoint())) {
                routedByFirst++;
            }
            answersBeforeRebuild.put(path, comparable(path, fromFirst.body()));
        }
        assertThat(routedByFirst).as("keys the second instance owns are answered through it").isBetween(1, paths.size() - 1);
        assertThat(first.get("/v1/lanes/stats?window=1h").headers().firstValue(InstanceRouter.SERVED_BY).orElseThrow())
                .as("lane statistics are gathered from both instances").contains(first.endpoint()).contains(second.endpoint());
    }

    @Test
    @Order(2)
    void theViewsHoldWhatWasPublished() throws Exception {
        JsonNode completedOrder = JSON.readTree(first.get("/v1/orders/" + events.orderIds.get(1)).body());
        assertThat(completedOrder.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completedOrder.get("chargedCents").asLong()).isEqualTo(completedOrder.get("totalCents").asLong());
        assertThat(completedOrder.get("timeline")).hasSize(4);
        assertThat(JSON.readTree(first.get("/v1/orders/" + events.orderIds.get(0)).body()).get("status").asString())
                .isEqualTo("STOCK_RESERVED");

        JsonNode dead = JSON.readTree(second.get("/v1/messages/" + events.messageIds.get(7)).body());
        assertThat(dead.get("status").asString()).isEqualTo("DEAD_LETTERED");
        assertThat(dead.get("timestamps").has("ROUTED")).isTrue();
        assertThat(dead.get("payload").isObject()).as("the failed payload as JSON, not a string holding JSON: %s", dead).isTrue();
        assertThat(dead.get("payload").get("seq").asInt()).isEqualTo(7);
        assertThat(JSON.readTree(second.get("/v1/messages/" + events.messageIds.get(1)).body()).get("payload").isNull())
                .as("a completed message's payload is not copied").isTrue();

        // 60 orders over 5 products, every fourth order never completes: 45 sales, 9 per product
        long sold = 0;
        for (String product : events.products) {
            sold += JSON.readTree(first.get(salesPath(product)).body()).get("total").get("orders").asLong();
        }
        assertThat(sold).isEqualTo(45);

        JsonNode lanes = JSON.readTree(second.get("/v1/lanes/stats?window=1h").body()).get("lanes");
        long accepted = 0;
        for (JsonNode lane : lanes) {
            for (JsonNode type : lane.get("total")) {
                accepted += type.get("accepted").asLong();
            }
        }
        assertThat(accepted).as("every ROUTED event of this run is counted once (earlier runs may add more)").isGreaterThanOrEqualTo(300);
    }

    @Test
    @Order(3)
    void aQueryThatCannotBeAnsweredYetIsA503WithRetryAfterAndABadOneA400() {
        try (ProjectionInstance notStarted = ProjectionInstance.start(APPLICATION_ID + "-idle", STATE.resolve("idle"), false)) {
            for (String path : List.of("/v1/messages/" + events.messageIds.get(0), "/v1/orders/o-1", "/v1/lanes/stats", salesPath("p-1"))) {
                HttpResponse<String> answer = notStarted.get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValue("1");
                assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            }
        }
        for (String path : List.of("/v1/products/p-1/sales?from=yesterday", "/v1/products/p-1/sales?from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z",
                "/v1/lanes/stats?window=-5m", "/v1/lanes/stats?window=400d")) {
            HttpResponse<String> answer = first.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.body()).as(path).contains("\"detail\"").doesNotContain("Exception");
        }
        assertThat(first.get("/v1/orders/no-such-order").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aMessageIsShownToTheClientThatPublishedItAndToOperatorsOnly() {
        for (ProjectionInstance instance : List.of(first, second)) { // half the keys are relayed to the other instance
            for (String others : events.othersMessageIds) {
                assertHiddenFromOthersButShownToOperators(instance, "/v1/messages/" + others, "someone-else", "ROUTED");
            }
            for (String unowned : events.unownedMessageIds) {
                assertThat(instance.get("/v1/messages/" + unowned).statusCode()).as("no owner recorded: %s", unowned).isEqualTo(200);
            }
        }
    }

    @Test
    @Order(3)
    void anOrderIsShownToTheClientThatPlacedItAndToOperatorsOnly() {
        for (ProjectionInstance instance : List.of(first, second)) { // half the keys are relayed to the other instance
            for (String others : events.othersOrderIds) {
                assertHiddenFromOthersButShownToOperators(instance, "/v1/orders/" + others, "customer-of-someone-else", "totalCents");
            }
            assertThat(instance.get("/v1/orders/" + events.orderIds.get(1)).statusCode()).as("the client's own order").isEqualTo(200);
        }
    }

    /** Another client is told the view does not exist, without a trace of it; an operator reads it. */
    private static void assertHiddenFromOthersButShownToOperators(ProjectionInstance instance, String path, String... traces) {
        HttpResponse<String> asReader = instance.get(path);
        assertThat(asReader.statusCode()).as("another client's %s: %s", path, asReader.body()).isEqualTo(404);
        for (String trace : traces) {
            assertThat(asReader.body()).as("no trace of it").doesNotContain(trace);
        }
        HttpResponse<String> asOperator = instance.get(path, "X-API-Key", ProjectionInstance.ADMIN_KEY);
        assertThat(asOperator.statusCode()).as("an operator reads %s: %s", path, asOperator.body()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void readingAViewNeedsCredentialsAndInstancesAskEachOtherAsTheCaller() {
        for (String path : List.of("/v1/messages/" + events.messageIds.get(0), "/v1/orders/" + events.orderIds.get(0), "/v1/lanes/stats",
                salesPath("p-1"), "/internal/lanes/stats?from=0&to=1")) {
            for (String[] credentials : List.of(new String[0], new String[] {"X-API-Key", "not-a-key"})) {
                HttpResponse<String> answer = first.get(path, credentials);
                assertThat(answer.statusCode()).as("%s with %s", path, List.of(credentials)).isEqualTo(401);
                assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(answer.body()).contains("X-API-Key").doesNotContain("Exception");
            }
        }
        // the other instance's partitions are gathered over /internal/lanes/stats, which is closed to anonymous
        // callers (above): the full answer shows the caller's key travelled with the relay
        HttpResponse<String> gathered = first.get("/v1/lanes/stats?window=1h");
        assertThat(gathered.statusCode()).as(gathered.body()).isEqualTo(200);
        assertThat(gathered.headers().firstValue(InstanceRouter.SERVED_BY).orElseThrow()).contains(second.endpoint());
        assertThat(first.get("/actuator/health/readiness", new String[0]).statusCode()).as("probes stay open").isEqualTo(200);
    }

    @Test
    @Order(4)
    void rebuildingFromTheLogGivesBackTheSameViews() {
        assertThat(answersBeforeRebuild).isNotEmpty();
        first.close();
        second.close();
        int exit = new StreamsResetter().execute(new String[] {
                "--bootstrap-server", LocalInfrastructure.shared().kafkaBootstrapServers(),
                "--application-id", APPLICATION_ID,
                "--input-topics", Topics.LIFECYCLE + "," + Topics.ORDER_EVENTS,
                "--force"});
        assertThat(exit).as("the application reset tool's exit code").isZero();
        assertThat(committedOffsets().values()).as("after the reset the projection starts from the beginning of the log")
                .isNotEmpty().allMatch(offset -> offset == 0);

        first = ProjectionInstance.start(APPLICATION_ID, STATE.resolve("first"), true, true);
        second = null;
        awaitCaughtUp(first);
        answersBeforeRebuild.forEach((path, before) -> {
            HttpResponse<String> after = first.get(path);
            assertThat(after.statusCode()).as(path).isEqualTo(200);
            assertThat(comparable(path, after.body())).as(path).isEqualTo(before);
        });
    }

    private static Map<org.apache.kafka.common.TopicPartition, Long> committedOffsets() {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", LocalInfrastructure.shared().kafkaBootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, Long> offsets = new java.util.HashMap<>();
            admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> {
                        if (partition.topic().equals(Topics.LIFECYCLE) || partition.topic().equals(Topics.ORDER_EVENTS)) {
                            offsets.put(partition, offset == null ? -1 : offset.offset());
                        }
                    });
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> queries() {
        List<String> paths = new ArrayList<>();
        events.messageIds.forEach(id -> paths.add("/v1/messages/" + id));
        events.orderIds.forEach(id -> paths.add("/v1/orders/" + id));
        events.products.forEach(p -> paths.add(salesPath(p)));
        paths.add("/v1/lanes/stats?window=1h");
        return paths;
    }

    private static final Instant SALES_FROM = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(1));

    /** A fixed range around today, so the answer does not depend on when it is asked. */
    private static String salesPath(String product) {
        return "/v1/products/" + product + "/sales?from=" + SALES_FROM + "&to=" + SALES_FROM.plus(Duration.ofDays(3));
    }

    /** The part of an answer that must be equal: lane statistics are compared by their lanes, not by their "now". */
    private static String comparable(String path, String body) {
        if (path.startsWith("/v1/lanes/stats")) {
            return JSON.readTree(body).get("lanes").toString();
        }
        return body;
    }

    private static void awaitCaughtUp(ProjectionInstance... instances) {
        Await.until("the projection to run and catch up with the log", Duration.ofSeconds(120), () -> {
            for (ProjectionInstance instance : instances) {
                if (instance.state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
                Map<String, Long> lag = instance.lag().lagByTopic();
                if (lag.getOrDefault(Topics.LIFECYCLE, -1L) != 0 || lag.getOrDefault(Topics.ORDER_EVENTS, -1L) != 0) {
                    return false;
                }
            }
            return instances[0].get("/v1/messages/" + events.messageIds.getLast()).statusCode() == 200
                    && instances[0].get("/v1/orders/" + events.orderIds.getLast()).statusCode() == 200;
        });
    }
}
