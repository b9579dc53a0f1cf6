package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.laneway.pool.support.PoolIntegrationTest;
import io.laneway.pool.support.TestHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Envelopes whose handler asks for {@code TransactionScope.ENVELOPE} each commit in a transaction of their own, so the
 * rows they lock are not held until the rest of the batch commits; the others share the batch's transaction.
 */
class TransactionScopeTest extends PoolIntegrationTest {

    @Autowired
    BatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ownTransactionEnvelopesCommitAloneWhileTheRestShareOne() {
        List<Attempt> shared = Stream.generate(() -> new Attempt(envelope("test.txid", null, "{}"), "test")).limit(3).toList();
        List<Attempt> alone = Stream.generate(() -> new Attempt(envelope("test.txid-alone", null, "{}"), "test")).limit(3).toList();
        List<Attempt> batch = List.of(shared.get(0), alone.get(0), shared.get(1), alone.get(1), alone.get(2), shared.get(2));

        processor.process(batch);

        assertThat(batch).allMatch(a -> a.outcome() == Attempt.Outcome.PROCESSED);
        Map<String, Long> txidById = jdbc.sql("select message_id, txid from test_transaction").query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Long> sharedTxids = shared.stream().map(a -> txidById.get(a.envelope().getId())).toList();
        List<Long> aloneTxids = alone.stream().map(a -> txidById.get(a.envelope().getId())).toList();
        assertThat(sharedTxids).doesNotContainNull().as("the shared envelopes ran in one transaction").containsOnly(sharedTxids.getFirst());
        assertThat(aloneTxids).doesNotContainNull().as("each own-transaction envelope ran in its own").doesNotHaveDuplicates()
                .doesNotContain(sharedTxids.getFirst());
    }

    @Test
    void longRunningLaneWorkNeverSharesATransactionWhateverItsHandlersScope() {
        List<Attempt> longWork = Stream.generate(() -> {
            var envelope = envelope("test.txid", null, "{}"); // a handler that would share the batch's transaction
            envelope.getRouting().setLane(io.laneway.contracts.envelope.Lane.LONG_RUNNING);
            return new Attempt(envelope, "test");
        }).limit(3).toList();

        processor.process(longWork);

        assertThat(longWork).allMatch(a -> a.outcome() == Attempt.Outcome.PROCESSED);
        List<Long> txids = longWork.stream().map(a -> jdbc.sql("select txid from test_transaction where message_id = ?")
                .param(a.envelope().getId()).query(Long.class).single()).toList();
        assertThat(txids).as("each in a transaction of its own").doesNotHaveDuplicates();
    }

    @AfterEach
    void noHook() {
        TestHandlers.BEFORE_DATABASE = envelope -> { };
    }

    @Test
    void anOwnTransactionOpensAtTheHandlersFirstDatabaseCallSoItsSlowPartHoldsNoConnection() {
        Attempt attempt = new Attempt(envelope("test.slow-start", null, "{}"), "test");

        processor.process(List.of(attempt));

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
        assertThat(TestHandlers.TRANSACTION_BEFORE_DATABASE.get(attempt.envelope().getId()))
                .as("a transaction was open while the handler did its slow part").isFalse();
        assertThat(effects(attempt)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from processed_message where message_id = ?").param(attempt.envelope().getId())
                .query(Long.class).single()).as("the idempotency row committed with the effect").isEqualTo(1);
    }

    @Test
    void aRedeliveryOfAnOwnTransactionEnvelopeIsFoundBeforeItsHandlerRuns() {
        var envelope = envelope("test.slow-start", null, "{}");
        processor.process(List.of(new Attempt(envelope, "test")));
        Attempt redelivery = new Attempt(envelope, "test");

        processor.process(List.of(redelivery));

        assertThat(redelivery.outcome()).isEqualTo(Attempt.Outcome.DUPLICATE);
        assertThat(TestHandlers.SLOW_START_CALLS.get(envelope.getId())).as("handler runs").hasValue(1);
        assertThat(effects(redelivery)).isEqualTo(1);
    }

    @Test
    void anAttemptWhoseEnvelopeCommittedElsewhereWhileItsHandlerRanRollsBackAsADuplicate() {
        var envelope = envelope("test.slow-start", null, "{}");
        Attempt other = new Attempt(envelope, "other instance");
        // while the first attempt is in its slow part, a second attempt of the same envelope runs and commits
        TestHandlers.BEFORE_DATABASE = e -> {
            TestHandlers.BEFORE_DATABASE = x -> { };
            try {
                Thread.ofPlatform().start(() -> processor.process(List.of(other))).join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
        };
        Attempt first = new Attempt(envelope, "test");

        processor.process(List.of(first));

        assertThat(other.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
        assertThat(first.outcome()).isEqualTo(Attempt.Outcome.DUPLICATE);
        assertThat(TestHandlers.SLOW_START_CALLS.get(envelope.getId())).as("both handlers ran").hasValue(2);
        assertThat(effects(first)).as("the late attempt's effect was rolled back").isEqualTo(1);
    }

    private long effects(Attempt attempt) {
        return jdbc.sql("select count(*) from test_effect where message_id = ?").param(attempt.envelope().getId()).query(Long.class).single();
    }
}
