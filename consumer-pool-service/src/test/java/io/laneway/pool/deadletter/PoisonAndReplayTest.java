package io.laneway.pool.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import io.laneway.pool.support.TestHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * A poison envelope is retried through the delay tiers and dead-lettered with its context while the rest of
 * its partition keeps flowing; once the cause is fixed, an operator replays it through the admin API and it
 * is processed exactly once.
 */
class PoisonAndReplayTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @AfterEach
    void breakAgain() {
        TestHandlers.POISON_BROKEN.set(true);
    }

    @Test
    void poisonIsDeadLetteredWithoutBlockingItsPartitionAndReplaysOnceFixed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Envelope poison = envelope("test.poison", null, "{}");
        List<Envelope> batch = new ArrayList<>(List.of(poison));
        for (int i = 0; i < 40; i++) {
            batch.add(envelope("test.step", null, "{\"key\":\"" + run + "-" + i + "\",\"seq\":" + i + ",\"sleepMillis\":1}"));
        }

        sendToPartition(Topics.LANE_FAST, 1, batch);

        await("poison indexed as a dead letter", () -> deadLetterId(poison.getId()) != null);
        Map<String, Object> letter = jdbc.sql("select * from dead_letter where message_id = ?").param(poison.getId()).query().singleRow();
        assertThat(letter).containsEntry("attempts", 3).containsEntry("type", "test.poison").containsEntry("lane", "fast")
                .containsEntry("original_topic", Topics.LANE_FAST).containsEntry("error_class", "java.lang.IllegalStateException")
                .containsEntry("status", "OPEN");
        assertThat((String) letter.get("error_stack")).contains("downstream rejected message");
        assertThat(letter.get("trace_id")).isEqualTo(poison.getMetadata().getTraceId());
        assertThat(lifecycleStatuses(poison.getId())).containsExactly("FAILED", "FAILED", "DEAD_LETTERED");
        Timestamp lastNeighbour = jdbc.sql("select max(created_at) from test_step where step_key like ?").param(run + "-%")
                .query(Timestamp.class).single();
        assertThat(jdbc.sql("select count(*) from test_step where step_key like ?").param(run + "-%").query(Long.class).single())
                .isEqualTo(40);
        assertThat(lastNeighbour.toInstant()).as("the partition flowed past the poison while it was being retried")
                .isBefore(((Timestamp) letter.get("dead_lettered_at")).toInstant());

        RestClient api = RestClient.create("http://127.0.0.1:" + port);
        long id = deadLetterId(poison.getId());
        for (String lane : List.of("fast", "FAST")) { // as metrics name it, as the router's answer does
            assertThat(api.get().uri("/v1/dead-letters?type=test.poison&lane={lane}", lane).header("X-API-Key", ADMIN_KEY).retrieve()
                    .body(String.class)).as("listed by lane %s", lane).contains(poison.getId());
        }
        assertThat(api.get().uri("/v1/dead-letters?type=test.poison&lane=LONG_RUNNING").header("X-API-Key", ADMIN_KEY).retrieve()
                .body(String.class)).doesNotContain(poison.getId());
        var noSuchLane = api.get().uri("/v1/dead-letters?lane=slow").header("X-API-Key", ADMIN_KEY).retrieve()
                .onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
        assertThat(noSuchLane.getStatusCode().value()).as("an unknown lane is a mistake, not an empty page").isEqualTo(400);
        assertThat(noSuchLane.getBody()).contains("use fast, heavy or long-running");
        assertThat(api.post().uri("/v1/dead-letters/{id}/replay", id).retrieve().onStatus(s -> true, (rq, rs) -> { })
                .toBodilessEntity().getStatusCode().value()).as("no credentials").isEqualTo(401);
        assertThat(api.post().uri("/v1/dead-letters/{id}/replay", id).header("X-API-Key", READER_KEY).retrieve()
                .onStatus(s -> true, (rq, rs) -> { }).toBodilessEntity().getStatusCode().value()).as("no admin scope").isEqualTo(403);

        TestHandlers.POISON_BROKEN.set(false); // the cause is fixed
        var replayed = api.post().uri("/v1/dead-letters/{id}/replay", id).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "gateway fixed")).retrieve().body(Map.class);
        assertThat(replayed).containsEntry("status", "REPLAYED");

        await("replayed envelope processed", () -> effects(poison.getId()) >= 1);
        await("replayed envelope completed", () -> lifecycleStatuses(poison.getId()).contains("COMPLETED"));
        assertThat(effects(poison.getId())).isEqualTo(1);
        assertThat(jdbc.sql("select actor || ':' || action || ':' || reason from dead_letter_audit where dead_letter_id = ?").param(id)
                .query(String.class).list()).containsExactly("operator-ada:REPLAY:gateway fixed");
        var again = api.post().uri("/v1/dead-letters/{id}/replay", id).header("X-API-Key", ADMIN_KEY).retrieve()
                .onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
        assertThat(again.getStatusCode().value()).as("a replayed letter cannot be replayed twice").isEqualTo(409);
        assertThat(again.getBody()).contains("only OPEN dead letters can be replayed");
    }

    @Test
    void anOperatorDiscardsADeadLetterWhichIsAuditedClosedAndTakesItsCheckpointAlong() {
        Envelope poison = envelope("test.poison", null, "{}");
        send(poison);
        await("poison indexed as a dead letter", () -> deadLetterId(poison.getId()) != null);
        long id = deadLetterId(poison.getId());
        jdbc.sql("insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, '2', 40, now())")
                .param(poison.getId()).update(); // as a long job that failed half-way would have left it

        RestClient api = RestClient.create("http://127.0.0.1:" + port);
        var discarded = api.post().uri("/v1/dead-letters/{id}/discard", id).header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "order cancelled by the customer")).retrieve().body(Map.class);

        assertThat(discarded).containsEntry("status", "DISCARDED");
        assertThat(jdbc.sql("select status from dead_letter where id = ?").param(id).query(String.class).single()).isEqualTo("DISCARDED");
        assertThat(jdbc.sql("select actor || ':' || action || ':' || reason from dead_letter_audit where dead_letter_id = ?").param(id)
                .query(String.class).list()).containsExactly("operator-ada:DISCARD:order cancelled by the customer");
        assertThat(jdbc.sql("select count(*) from job_checkpoint where message_id = ?").param(poison.getId()).query(Long.class).single())
                .as("the discarded work's checkpoint went with it").isZero();
        for (String action : List.of("discard", "replay")) {
            var again = api.post().uri("/v1/dead-letters/{id}/" + action, id).header("X-API-Key", ADMIN_KEY).retrieve()
                    .onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
            assertThat(again.getStatusCode().value()).as("%s after a discard", action).isEqualTo(409);
            assertThat(again.getBody()).contains("only OPEN dead letters");
        }
    }

    @Test
    void aBulkReplayMarksEveryLetterReplayedSoTheNextOneFindsNothing() {
        String type = "test.poison";
        Envelope first = envelope(type, null, "{}");
        Envelope second = envelope(type, null, "{}");
        send(Topics.LANE_FAST, List.of(first, second));
        await("both indexed as dead letters", () -> deadLetterId(first.getId()) != null && deadLetterId(second.getId()) != null);
        String fingerprint = jdbc.sql("select fingerprint from dead_letter where message_id = ?").param(first.getId()).query(String.class).single();
        TestHandlers.POISON_BROKEN.set(false); // the cause is fixed: the replays complete instead of coming back

        RestClient api = RestClient.create("http://127.0.0.1:" + port);
        Map<?, ?> replayed = api.post().uri("/v1/dead-letters/replay").header("X-API-Key", ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("fingerprint", fingerprint, "reason", "bulk")).retrieve().body(Map.class);
        Map<?, ?> again = api.post().uri("/v1/dead-letters/replay").header("X-API-Key", ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("fingerprint", fingerprint, "reason", "bulk again")).retrieve().body(Map.class);

        assertThat(((List<?>) replayed.get("ids")).stream().map(id -> ((Number) id).longValue()).toList())
                .contains(deadLetterId(first.getId()), deadLetterId(second.getId()));
        assertThat(jdbc.sql("select status from dead_letter where message_id in (?, ?)").params(first.getId(), second.getId())
                .query(String.class).list()).as("persisted with the audit rows").containsOnly("REPLAYED");
        assertThat(again.get("replayed")).as("nothing is sent twice").isEqualTo(0);
    }

    @Test
    void aMessageThatFailsAfterEveryReplayIsHeldByTheLoopGuard() {
        Envelope poison = envelope("test.poison", null, "{}"); // stays broken: every replay fails again
        send(poison);
        RestClient api = RestClient.create("http://127.0.0.1:" + port);
        for (int replay = 1; replay <= 3; replay++) {
            int letters = replay;
            await("dead letter " + letters, () -> openLetters(poison.getId()).size() == 1 && allLetters(poison.getId()) == letters);
            var answer = api.post().uri("/v1/dead-letters/{id}/replay", openLetters(poison.getId()).getFirst()).header("X-API-Key", ADMIN_KEY)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "try " + replay)).retrieve()
                    .onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as("replay %s: %s", replay, answer.getBody()).isEqualTo(200);
        }
        await("dead letter 4", () -> openLetters(poison.getId()).size() == 1 && allLetters(poison.getId()) == 4);

        var guarded = api.post().uri("/v1/dead-letters/{id}/replay", openLetters(poison.getId()).getFirst()).header("X-API-Key", ADMIN_KEY)
                .retrieve().onStatus(s -> true, (rq, rs) -> { }).toEntity(String.class);
        String fingerprint = jdbc.sql("select fingerprint from dead_letter where message_id = ? limit 1").param(poison.getId()).query(String.class).single();
        Map<?, ?> bulk = api.post().uri("/v1/dead-letters/replay").header("X-API-Key", ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("fingerprint", fingerprint)).retrieve().body(Map.class);

        assertThat(guarded.getStatusCode().value()).isEqualTo(409);
        assertThat(guarded.getBody()).contains("replayed 3 times").contains("replay loop guard");
        assertThat(((List<?>) bulk.get("held")).stream().map(id -> ((Number) id).longValue()).toList()).contains(openLetters(poison.getId()).getFirst());
        assertThat(openLetters(poison.getId())).as("still there for a person to discard").hasSize(1);
    }

    private List<Long> openLetters(String messageId) {
        return jdbc.sql("select id from dead_letter where message_id = ? and status = 'OPEN'").param(messageId).query(Long.class).list();
    }

    private long allLetters(String messageId) {
        return jdbc.sql("select count(*) from dead_letter where message_id = ?").param(messageId).query(Long.class).single();
    }

    private Long deadLetterId(String messageId) {
        return jdbc.sql("select id from dead_letter where message_id = ?").param(messageId).query(Long.class).optional().orElse(null);
    }

    private long effects(String messageId) {
        return jdbc.sql("select count(*) from test_effect where message_id = ?").param(messageId).query(Long.class).single();
    }
}
