package io.laneway.pool.handler;

import io.laneway.contracts.envelope.Envelope;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a handler may touch: its envelope, the transaction's database connection, the outbox, checkpoints. */
public interface HandlerContext {

    Envelope envelope();

    /** Bound to the processing transaction: effects commit with the idempotency claim, or not at all. */
    JdbcClient jdbc();

    /**
     * Queues a write (INSERT, UPDATE, DELETE with {@code ?} parameters) that commits with the idempotency claim, as
     * {@link #jdbc()}'s do, but runs later: together with the same statement of the batch's other envelopes, as one JDBC
     * batch before the transaction commits (the driver makes a batch of INSERTs one multi-row statement). It saves a
     * round trip and a statement execution per envelope, for effects nothing in the batch reads back: a queued write is
     * not visible to this batch's reads, and writes of different SQL text run grouped by text, in the order each text
     * was first queued. If it fails, this envelope fails alone, as if {@code handle} had thrown.
     */
    void deferredUpdate(String sql, Object... params);

    /** Queues an event in the transactional outbox; it reaches Kafka only if the effects commit. */
    void emit(String topic, String key, SpecificRecord event);

    /** Resumable progress for long-running work. */
    Checkpoints checkpoints();
}
