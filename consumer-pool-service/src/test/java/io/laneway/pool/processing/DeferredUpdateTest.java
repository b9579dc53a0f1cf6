package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.laneway.pool.support.PoolIntegrationTest;
import io.laneway.pool.support.TestHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code HandlerContext.deferredUpdate}: a queued write runs after the handler returns, commits with the envelope's
 * idempotency claim, and when it fails (or its handler does) only that envelope fails, in a batch transaction or in one
 * of its own.
 */
class DeferredUpdateTest extends PoolIntegrationTest {

    @Autowired
    BatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Test
    void queuedWritesRunAfterTheHandlersAndCommitOnceWithTheBatch() {
        List<Attempt> batch = List.of(attempt("test.deferred", "a", false), attempt("test.deferred", "b", false),
                attempt("test.deferred", "c", false));

        processor.process(batch);

        assertThat(batch).allMatch(a -> a.outcome() == Attempt.Outcome.PROCESSED);
        assertThat(batch).allSatisfy(a -> {
            assertThat(rows(a)).as("one effect row").isEqualTo(1);
            assertThat(TestHandlers.DEFERRED_VISIBLE_TO_HANDLER.get(id(a))).as("not written while its handler ran").isFalse();
        });
        assertThat(jdbc.sql("select count(distinct txid) from test_deferred where message_id in (?, ?, ?)")
                .params(id(batch.get(0)), id(batch.get(1)), id(batch.get(2))).query(Long.class).single())
                .as("all in the batch's one transaction").isEqualTo(1);

        List<Attempt> redelivered = batch.stream().map(a -> new Attempt(a.envelope(), "redelivery")).toList();
        processor.process(redelivered);
        assertThat(redelivered).allMatch(a -> a.outcome() == Attempt.Outcome.DUPLICATE);
        assertThat(batch).allSatisfy(a -> assertThat(rows(a)).as("a redelivery writes nothing again").isEqualTo(1));
    }

    @Test
    void aQueuedWriteThatFailsFailsItsEnvelopeAloneAndLeavesItClaimable() {
        Attempt refused = attempt("test.deferred", "refused", false);
        List<Attempt> batch = List.of(attempt("test.deferred", "a", false), refused, attempt("test.deferred", "b", false));

        processor.process(batch);

        assertThat(refused.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(refused.error()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(rows(refused)).isZero();
        assertThat(claimed(refused)).as("its claim rolled back with it, so a retry can claim it").isZero();
        assertThat(List.of(batch.get(0), batch.get(2))).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
            assertThat(rows(a)).isEqualTo(1);
            assertThat(claimed(a)).isEqualTo(1);
        });
    }

    @Test
    void aHandlerThatThrowsAfterQueueingWritesNothing() {
        Attempt throwing = attempt("test.deferred", "x", true);
        Attempt fine = attempt("test.deferred", "y", false);

        processor.process(List.of(throwing, fine));

        assertThat(throwing.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(rows(throwing)).isZero();
        assertThat(fine.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
        assertThat(rows(fine)).isEqualTo(1);
    }

    @Test
    void inATransactionOfItsOwnQueuedWritesCommitWithTheClaimOrNotAtAll() {
        Attempt fine = attempt("test.deferred-alone", "a", false);
        Attempt refused = attempt("test.deferred-alone", "refused", false);

        processor.process(List.of(fine, refused));

        assertThat(fine.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
        assertThat(rows(fine)).isEqualTo(1);
        assertThat(TestHandlers.DEFERRED_VISIBLE_TO_HANDLER.get(id(fine))).isFalse();
        assertThat(refused.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(rows(refused)).isZero();
        assertThat(claimed(refused)).isZero();
    }

    private static Attempt attempt(String type, String value, boolean throwAfterQueueing) {
        return new Attempt(envelope(type, null, "{\"value\":\"" + value + "\",\"throwAfterQueueing\":" + throwAfterQueueing + "}"), "test");
    }

    private static String id(Attempt attempt) {
        return attempt.envelope().getId().toString();
    }

    private long rows(Attempt attempt) {
        return jdbc.sql("select count(*) from test_deferred where message_id = ?").param(id(attempt)).query(Long.class).single();
    }

    private long claimed(Attempt attempt) {
        return jdbc.sql("select count(*) from processed_message where message_id = ?").param(id(attempt)).query(Long.class).single();
    }
}
