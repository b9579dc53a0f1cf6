package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.laneway.pool.support.PoolIntegrationTest;
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
}
