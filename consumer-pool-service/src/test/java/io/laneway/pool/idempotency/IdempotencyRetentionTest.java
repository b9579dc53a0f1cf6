package io.laneway.pool.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency rows older than the retention (default 7 days) are forgotten; younger ones keep guarding. */
class IdempotencyRetentionTest extends PoolIntegrationTest {

    @Autowired
    IdempotencyRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsOlderThanTheRetentionAreDeletedAndYoungerOnesKept() {
        String old = processedDaysAgo(8);
        String young = processedDaysAgo(6);

        retention.expire();

        assertThat(rows(old)).as("processed 8 days ago").isZero();
        assertThat(rows(young)).as("processed 6 days ago").isOne();
    }

    private String processedDaysAgo(int days) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into processed_message (message_id, type, processed_at) values (?, 'test.retention', now() - make_interval(days => ?))")
                .params(id, days).update();
        return id;
    }

    private long rows(String messageId) {
        return jdbc.sql("select count(*) from processed_message where message_id = ?").param(messageId).query(Long.class).single();
    }
}
