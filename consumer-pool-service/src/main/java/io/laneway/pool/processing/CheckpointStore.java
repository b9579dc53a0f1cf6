package io.laneway.pool.processing;

import java.util.Optional;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.Checkpoints;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkpoints of long-running work in PostgreSQL ({@code job_checkpoint}), each committed in its own
 * transaction so it outlives a crash of the envelope's transaction; progress goes to the lifecycle topic
 * directly (at least once; the projection keeps the highest).
 */
@Component
public class CheckpointStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final KafkaTemplate<String, Object> kafka;

    public CheckpointStore(JdbcClient jdbc, @Qualifier("batchTransactionManager") PlatformTransactionManager transactions, KafkaTemplate<String, Object> kafka) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kafka = kafka;
    }

    Checkpoints forEnvelope(Envelope envelope) {
        return new Checkpoints() {
            @Override
            public Optional<String> last() {
                // read on the envelope's own connection: READ COMMITTED sees every checkpoint an earlier attempt
                // committed, without borrowing a second connection and a transaction of its own for one SELECT
                return jdbc.sql("select state from job_checkpoint where message_id = ?")
                        .param(envelope.getId()).query(String.class).optional();
            }

            @Override
            public void save(String state, int percentDone) {
                ownTransaction.executeWithoutResult(s -> jdbc.sql("""
                        insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, ?, ?, now())
                        on conflict (message_id) do update set state = excluded.state, percent_done = excluded.percent_done,
                                                               updated_at = now()""")
                        .params(envelope.getId(), state, percentDone).update());
                kafka.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.progress(envelope, percentDone));
            }
        };
    }
}
