package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A handler that throws an Error fails its envelope like an exception: its key and partition move on. */
class HandlerErrorTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anErrorFailsItsEnvelopeAndTheKeyMovesOn() {
        String key = "error-" + UUID.randomUUID();
        Envelope broken = envelope("test.error", key, "{}");
        Envelope next = envelope("test.step", key, "{\"key\":\"" + key + "\",\"seq\":2,\"sleepMillis\":0}");

        send(Topics.LANE_FAST, List.of(broken, next));

        await("the next envelope of the key to run", () -> jdbc.sql("select count(*) from test_step where message_id = ?")
                .param(next.getId()).query(Long.class).single() == 1);
        await("the broken envelope failed, to be retried", () -> lifecycleStatuses(broken.getId()).contains("FAILED"));
    }
}
