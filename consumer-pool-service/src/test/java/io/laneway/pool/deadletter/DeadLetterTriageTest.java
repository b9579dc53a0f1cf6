package io.laneway.pool.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.pool.support.GreetingPayloads;
import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * What the operator console does through the dead-letter API: letters grouped by fingerprint within a time window, a
 * bad payload edited and replayed (an edit that breaks the type's schema refused before anything is sent), and a bulk
 * redrive's dry run that counts without sending.
 */
class DeadLetterTriageTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    @SuppressWarnings("unchecked")
    void poisonedGreetingsAreGroupedCountedByADryRunAndOneIsFixedByEditingItsPayload() {
        Instant before = Instant.now().minusSeconds(1);
        int schemaId = SchemaRegistryClient.forUrl(infra.schemaRegistryUrl()).register(GreetingPayloads.SUBJECT, GreetingPayloads.GREET);
        List<Envelope> poisoned = List.of(greeting(schemaId, "x".repeat(70)), greeting(schemaId, "y".repeat(80)), greeting(schemaId, "z".repeat(90)));
        send(poisoned.get(0));
        send(poisoned.get(1));
        send(poisoned.get(2));
        await("three dead letters", () -> poisoned.stream().allMatch(e -> letterOf(e) != null));
        String fingerprint = jdbc.sql("select fingerprint from dead_letter where message_id = ?").param(poisoned.getFirst().getId())
                .query(String.class).single();
        RestClient api = RestClient.create("http://127.0.0.1:" + port);

        List<Map<String, Object>> groups = api.get().uri("/v1/dead-letters/groups?type=demo.greet&since={since}", before)
                .header("X-API-Key", ADMIN_KEY).retrieve().body(List.class);
        // other tests of this JVM leave demo.greet letters of their own: this test's group is found by its fingerprint
        assertThat(groups).filteredOn(group -> fingerprint.equals(group.get("fingerprint"))).singleElement().satisfies(group -> {
            assertThat(group).containsEntry("type", "demo.greet").containsEntry("count", 3).containsEntry("lane", "fast")
                    .containsEntry("errorClass", "java.lang.IllegalArgumentException");
            assertThat((String) group.get("errorMessage")).contains("does not fit on a greeting card");
        });
        Map<String, Object> beforeTheWindow = api.get().uri("/v1/dead-letters?fingerprint={f}&until={until}", fingerprint, before)
                .header("X-API-Key", ADMIN_KEY).retrieve().body(Map.class);
        assertThat(beforeTheWindow).as("nothing before the window").containsEntry("total", 0);

        Map<String, Object> dryRun = api.post().uri("/v1/dead-letters/replay").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fingerprint", fingerprint, "dryRun", true)).retrieve().body(Map.class);
        assertThat(dryRun).containsEntry("dryRun", true).containsEntry("wouldReplay", 3);
        assertThat(statuses(poisoned)).as("a dry run sends nothing").containsOnly("OPEN");

        long id = letterOf(poisoned.getFirst());
        Map<String, Object> detail = api.get().uri("/v1/dead-letters/{id}", id).header("X-API-Key", ADMIN_KEY).retrieve().body(Map.class);
        assertThat((Map<String, Object>) detail.get("headers")).as("the envelope's headers, decoded")
                .containsEntry("lane", "FAST").containsEntry("attempt", 1).containsEntry("traceId", poisoned.getFirst().getMetadata().getTraceId());
        assertThat((Map<String, Object>) detail.get("payload")).containsEntry("format", "avro");
        ResponseEntity<String> refused = api.post().uri("/v1/dead-letters/{id}/replay", id).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "typo", "payload", Map.of("name", 42)))
                .retrieve().onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody()).contains("$.name").contains("Nothing was sent");
        assertThat(statuses(poisoned)).as("a refused edit sends nothing").containsOnly("OPEN");

        Map<String, Object> replayed = api.post().uri("/v1/dead-letters/{id}/replay", id).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "shortened", "payload", Map.of("name", "Ada")))
                .retrieve().body(Map.class);

        assertThat(replayed).containsEntry("status", "REPLAYED");
        await("the edited greeting completes", () -> lifecycleStatuses(poisoned.getFirst().getId()).contains("COMPLETED"));
        assertThat(jdbc.sql("select greeting from demo_greeting where message_id = ?").param(poisoned.getFirst().getId())
                .query(String.class).list()).containsExactly("Hello, Ada!");
        assertThat(jdbc.sql("select action || ':' || reason from dead_letter_audit where dead_letter_id = ?").param(id)
                .query(String.class).single()).isEqualTo("REPLAY:payload edited to {\"name\":\"Ada\"}: shortened");
        Map<String, Object> after = api.post().uri("/v1/dead-letters/replay").header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fingerprint", fingerprint, "dryRun", true)).retrieve().body(Map.class);
        assertThat(after).containsEntry("wouldReplay", 2);
    }

    private static Envelope greeting(int schemaId, String name) {
        Envelope envelope = envelope("demo.greet", null, "{}");
        envelope.setPayload(ByteBuffer.wrap(PayloadCodec.encode(schemaId, GreetingPayloads.GREET, GreetingPayloads.greeting(name))));
        return envelope;
    }

    private Long letterOf(Envelope envelope) {
        return jdbc.sql("select max(id) from dead_letter where message_id = ?").param(envelope.getId()).query(Long.class).single();
    }

    private List<String> statuses(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> jdbc.sql("select status from dead_letter where message_id = ?").param(e.getId())
                .query(String.class).single()).toList();
    }
}
