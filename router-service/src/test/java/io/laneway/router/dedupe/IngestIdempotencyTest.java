package io.laneway.router.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.laneway.contracts.Topics;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.router.RouterApplication;
import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two router replicas on one database: a retried POST yields one record on Kafka and the same answer. */
class IngestIdempotencyTest extends RouterIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static ConfigurableApplicationContext secondReplica;

    @BeforeAll
    static void startSecondReplica() {
        var args = new java.util.ArrayList<>(LocalInfrastructure.asArguments(infra.springProperties("router_test")));
        args.add("--server.port=0");
        args.add("--laneway.security.jwt-hmac-secret=" + Tokens.SECRET_BASE64);
        secondReplica = new SpringApplicationBuilder(RouterApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopSecondReplica() {
        secondReplica.close();
    }

    @Test
    void aRetryThroughAnotherReplicaGetsTheOriginalAnswerAndEnqueuesNothing() {
        int otherPort = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
        String key = "order-" + UUID.randomUUID();
        String body = "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"name\":\"once\"}}";

        // the same request, concurrently, on both replicas, then once more later
        var first = CompletableFuture.supplyAsync(() -> post(port, body, "shop"));
        var second = CompletableFuture.supplyAsync(() -> post(otherPort, body, "shop"));
        List<HttpResponse<String>> answers = List.of(first.join(), second.join(), post(otherPort, body, "shop"));

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(202));
        assertThat(answers.stream().map(RouterIntegrationTest::idOf).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.headers().firstValue("Idempotent-Replayed").orElse("").equals("true"))).hasSize(2);
        assertThat(recordsWithKey(key)).hasSize(1);
    }

    @Test
    void theSameKeyFromAnotherClientIsADifferentMessage() {
        String key = "shared-" + UUID.randomUUID();
        String body = "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"name\":\"two\"}}";

        var a = post(port, body, "client-a");
        var b = post(port, body, "client-b");

        assertThat(idOf(a)).isNotEqualTo(idOf(b));
        assertThat(recordsWithKey(key)).hasSize(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNotAnsweredWithTheFirstMessage() {
        int otherPort = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
        String key = "reused-" + UUID.randomUUID();
        var first = post(port, "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"name\":\"first\"}}", "shop");
        var reformatted = post(otherPort, "{ \"type\": \"demo.greet\", \"idempotencyKey\": \"" + key + "\", \"payload\": { \"name\": \"first\" } }", "shop");
        var other = post(otherPort, "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"name\":\"second\"}}", "shop");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(reformatted.statusCode()).as("the same request, laid out differently, is a retry").isEqualTo(202);
        assertThat(idOf(reformatted)).isEqualTo(idOf(first));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(other.body()).contains("already used for a different request").contains(idOf(first));
        assertThat(recordsWithKey(key)).hasSize(1);
    }

    /**
     * Kafka took the message, then the claim's commit failed (a deferred constraint trigger refuses it at commit, as a
     * lost connection or a failover would): the caller is told "accepted", and that the key is not recorded, never 500.
     */
    @Test
    void aMessageKafkaTookIsAcceptedEvenWhenItsKeyCannotBeRecorded() {
        jdbc.sql("""
                create or replace function refuse_commit_for_test() returns trigger language plpgsql as $$
                begin
                  if new.idempotency_key like 'fail-commit-%' then raise exception 'commit refused by the test'; end if;
                  return new;
                end $$""").update();
        jdbc.sql("drop trigger if exists refuse_commit_for_test on ingest_idempotency").update();
        jdbc.sql("""
                create constraint trigger refuse_commit_for_test after insert or update on ingest_idempotency
                deferrable initially deferred for each row execute function refuse_commit_for_test()""").update();
        try {
            String key = "fail-commit-" + UUID.randomUUID();
            var answer = post(port, "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + key + "\",\"payload\":{\"name\":\"sent\"}}", "shop");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(answer.headers().firstValue("Idempotency-Key-Recorded")).hasValue("false");
            assertThat(recordsWithKey(key)).as("it is in Kafka").hasSize(1);
        } finally {
            jdbc.sql("drop trigger if exists refuse_commit_for_test on ingest_idempotency").update();
        }
    }

    private static List<GenericRecord> recordsWithKey(String key) {
        return laneRecords(Topics.LANE_FAST).stream()
                .filter(r -> {
                    Object k = ((GenericRecord) r.get("metadata")).get("idempotencyKey");
                    return k != null && k.toString().equals(key);
                })
                .toList();
    }
}
