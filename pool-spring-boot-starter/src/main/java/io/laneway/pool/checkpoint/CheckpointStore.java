package io.laneway.pool.checkpoint;

import io.laneway.contracts.lifecycle.LifecycleEvents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.Checkpoints;
import io.laneway.pool.config.PoolProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>Paced by {@code laneway.pool.checkpoint-interval} (default 1 s): a save less than that after the attempt
 * started or after the last durable save is skipped, because redoing under a second of work after a crash is
 * cheaper than a transaction and a Kafka send per step for every job. Work that finishes within the interval
 * (the saga's shipping, when it is quick) writes no checkpoint at all; a job of minutes still saves about once
 * per interval, so a crash redoes at most the interval plus the step in progress. A finished envelope deletes
 * its checkpoint in its own transaction: {@code job_checkpoint} holds unfinished work only.
 */
@Component
public class CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final KafkaTemplate<String, Object> kafka;
    private final long intervalNanos;
    private final Counter saved;
    private final Counter skipped;
    private final Counter expired;

    public CheckpointStore(JdbcClient jdbc, @Qualifier("batchTransactionManager") PlatformTransactionManager transactions,
                           KafkaTemplate<String, Object> kafka, PoolProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.kafka = kafka;
        this.intervalNanos = properties.checkpointInterval().toNanos();
        this.saved = meters.counter("laneway.pool.checkpoints", "outcome", "saved");
        this.skipped = meters.counter("laneway.pool.checkpoints", "outcome", "skipped");
        this.expired = meters.counter("laneway.pool.checkpoints", "outcome", "expired");
    }

    /**
     * Deletes checkpoints not updated since {@code before}; {@link io.laneway.pool.idempotency.IdempotencyRetention}
     * calls it with the idempotency rows' horizon: work that will not be redelivered any more (its records are past
     * Kafka's retention, its consumer group was reset, or its dead letter was left unreplayed that long), and a
     * redelivery after it would run the effects again anyway. The table holds unfinished work only, so one
     * statement suffices. Returns how many were deleted.
     */
    public int expireOlderThan(Instant before) {
        int deleted = jdbc.sql("delete from job_checkpoint where updated_at < ?").param(Timestamp.from(before)).update();
        expired.increment(deleted);
        if (deleted > 0) {
            log.warn("Expired {} checkpoints of work not resumed since {}", deleted, before);
        }
        return deleted;
    }

    /** Deletes a message's checkpoint, on the caller's transaction: its work is done or will never run again. */
    public void forget(String messageId) {
        jdbc.sql("delete from job_checkpoint where message_id = ?").param(messageId).update();
    }

    public EnvelopeCheckpoints forEnvelope(Envelope envelope) {
        return new EnvelopeCheckpoints(envelope);
    }

    /** One attempt's checkpoints; {@link #finished()} runs in the envelope's transaction when the handler succeeded. */
    public final class EnvelopeCheckpoints implements Checkpoints {

        private final Envelope envelope;
        private long lastDurableNanos = System.nanoTime();
        private boolean rowExists;
        private boolean saveCalled;

        private EnvelopeCheckpoints(Envelope envelope) {
            this.envelope = envelope;
        }

        @Override
        public Optional<String> last() {
            // read on the envelope's own connection: READ COMMITTED sees every checkpoint an earlier attempt
            // committed, without borrowing a second connection and a transaction of its own for one SELECT
            Optional<String> state = jdbc.sql("select state from job_checkpoint where message_id = ?")
                    .param(envelope.getId()).query(String.class).optional();
            rowExists |= state.isPresent();
            return state;
        }

        @Override
        public void save(String state, int percentDone) {
            saveCalled = true;
            long now = System.nanoTime();
            if (now - lastDurableNanos < intervalNanos) {
                skipped.increment();
                return;
            }
            ownTransaction.executeWithoutResult(s -> jdbc.sql("""
                    insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, ?, ?, now())
                    on conflict (message_id) do update set state = excluded.state, percent_done = excluded.percent_done,
                                                           updated_at = now()""")
                    .params(envelope.getId(), state, percentDone).update());
            rowExists = true;
            lastDurableNanos = now;
            saved.increment();
            kafka.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.progress(envelope, percentDone));
        }

        /**
         * The work is done and commits with this transaction: its checkpoint is no longer needed. Known to exist
         * when this attempt read or wrote it; possible, unseen, when the handler checkpoints but never read
         * {@link #last()} (an earlier attempt may have saved one), so then it is deleted too. Handlers that never
         * touch checkpoints pay no statement.
         */
        public void finished() {
            if (rowExists || saveCalled) {
                forget(envelope.getId());
            }
        }
    }
}
