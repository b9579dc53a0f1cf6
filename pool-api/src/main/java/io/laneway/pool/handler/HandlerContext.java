package io.laneway.pool.handler;

import io.laneway.contracts.envelope.Envelope;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a handler may touch: its envelope, the transaction's database connection, the outbox, checkpoints. */
public interface HandlerContext {

    Envelope envelope();

    /** Bound to the processing transaction: effects commit with the idempotency claim, or not at all. */
    JdbcClient jdbc();

    /** Queues an event in the transactional outbox; it reaches Kafka only if the effects commit. */
    void emit(String topic, String key, SpecificRecord event);

    /** Resumable progress for long-running work. */
    Checkpoints checkpoints();
}
