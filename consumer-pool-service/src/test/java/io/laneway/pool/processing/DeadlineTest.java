package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An envelope's deadline is enforced: a handler still running when it passes is interrupted and rolled back, the
 * envelope is dead-lettered as a timeout, and its key goes on to the next envelope at once; an envelope already past
 * its deadline does not start. On the real broker and PostgreSQL.
 */
class DeadlineTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHandlerPastItsDeadlineIsStoppedRolledBackAndDeadLetteredAndItsKeyMovesOn() {
        String key = "deadline-" + UUID.randomUUID();
        Envelope warmUp = envelope("test.step", key, step(key, 0, 0));
        send(Topics.LANE_FAST, List.of(warmUp));
        await("the lane to be consuming", () -> effects(warmUp.getId()) == 1);
        // a client-chosen duration far beyond the type's timeout: without the deadline this holds the key for ten minutes
        Envelope slow = withDeadline(envelope("test.step", key, step(key, 1, 600_000)), Instant.now().plusSeconds(2), Lane.FAST);
        Envelope next = envelope("test.step", key, step(key, 2, 0));
        Envelope expired = withDeadline(envelope("test.step", null, step("expired-" + key, 1, 0)), Instant.now().minusSeconds(1), Lane.FAST);

        send(Topics.LANE_FAST, List.of(slow, next, expired));

        await("the next envelope of the key to run", () -> effects(next.getId()) == 1);
        await("both timeouts dead-lettered", () -> deadLetterError(slow.getId()) != null && deadLetterError(expired.getId()) != null);
        assertThat(deadLetterError(slow.getId())).contains("Timeout").contains("passed its deadline").contains("while its handler ran");
        assertThat(deadLetterError(expired.getId())).contains("before its handler started");
        assertThat(effects(slow.getId())).as("the stopped handler's transaction rolled back").isZero();
        assertThat(effects(expired.getId())).isZero();
        assertThat(lifecycleStatuses(slow.getId())).contains("DEAD_LETTERED").doesNotContain("COMPLETED");
    }

    @Test
    void longRunningWorkIsStoppedAtItsDeadlineToo() {
        String key = "deadline-long-" + UUID.randomUUID();
        Envelope warmUp = withDeadline(envelope("test.step", key, step(key, 0, 0)), Instant.now().plusSeconds(60), Lane.LONG_RUNNING);
        send(Topics.LANE_LONG_RUNNING, List.of(warmUp));
        await("the lane to be consuming", () -> effects(warmUp.getId()) == 1);
        Envelope slow = withDeadline(envelope("test.step", key, step(key, 1, 600_000)), Instant.now().plusSeconds(2), Lane.LONG_RUNNING);

        send(Topics.LANE_LONG_RUNNING, List.of(slow));

        await("the timeout dead-lettered", () -> deadLetterError(slow.getId()) != null);
        assertThat(deadLetterError(slow.getId())).contains("while its handler ran");
        assertThat(effects(slow.getId())).isZero();
    }

    private static Envelope withDeadline(Envelope envelope, Instant deadline, Lane lane) {
        envelope.getRouting().setDeadline(deadline);
        envelope.getRouting().setLane(lane);
        return envelope;
    }

    private static String step(String key, int seq, long sleepMillis) {
        return "{\"key\":\"" + key + "\",\"seq\":" + seq + ",\"sleepMillis\":" + sleepMillis + "}";
    }

    private long effects(String messageId) {
        return jdbc.sql("select count(*) from test_step where message_id = ?").param(messageId).query(Long.class).single();
    }

    private String deadLetterError(String messageId) {
        return jdbc.sql("select error_message from dead_letter where message_id = ?").param(messageId).query(String.class).optional().orElse(null);
    }
}
