package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import io.laneway.pool.support.TestHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An envelope that loses a race for rows (PostgreSQL broke a deadlock) is run again from the queue at once, with its
 * attempt budget untouched: no FAILED event, no trip through the retry topics, its effect exactly once.
 */
class LockContentionDeferralTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEnvelopeThatLostALockRaceRunsAgainWithoutSpendingAnAttempt() {
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(envelope("test.contended", null, "{}"));
        }

        sendToPartition(Topics.LANE_FAST, 2, batch);

        for (Envelope envelope : batch) {
            await("a COMPLETED event for " + envelope.getId(), () -> lifecycleStatuses(envelope.getId()).contains("COMPLETED"));
            assertThat(TestHandlers.LOST_A_LOCK_RACE).as("the handler did lose a race").contains(envelope.getId());
            assertThat(lifecycleStatuses(envelope.getId())).as("lifecycle of %s", envelope.getId())
                    .doesNotContain("FAILED").containsOnlyOnce("COMPLETED");
            assertThat(jdbc.sql("select count(*) from test_effect where message_id = ?").param(envelope.getId()).query(Long.class).single())
                    .isEqualTo(1);
            assertThat(readAll(Topics.LIFECYCLE).stream()
                    .filter(e -> e.get("messageId").toString().equals(envelope.getId()) && e.get("status").toString().equals("COMPLETED"))
                    .map(e -> e.get("attempt")).toList()).as("completed at its first attempt").containsExactly(1);
        }
    }

    @Test
    void anEnvelopeThatLosesEveryRaceSpendsItsAttemptsAndIsDeadLettered() {
        Envelope doomed = envelope("test.always-contended", null, "{}");

        sendToPartition(Topics.LANE_FAST, 3, List.of(doomed));

        await("the envelope that never wins a race dead-lettered", () -> lifecycleStatuses(doomed.getId()).contains("DEAD_LETTERED"));
        assertThat(lifecycleStatuses(doomed.getId())).as("each attempt failed only after its lock races ran out")
                .containsExactly("FAILED", "FAILED", "DEAD_LETTERED");
        assertThat(TestHandlers.LOCK_RACES_LOST.get(doomed.getId())).as("races lost over three attempts")
                .hasValue(3 * BatchProcessor.LOCK_RACES_BEFORE_FAILING);
    }
}
