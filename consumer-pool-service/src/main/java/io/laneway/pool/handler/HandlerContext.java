package io.laneway.pool.handler;

import io.laneway.contracts.envelope.Envelope;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a handler may touch: its envelope, the transaction's database connection, and the outbox. */
public interface HandlerContext {

    Envelope envelope();

    /** Bound to the processing transaction: effects commit with the idempotency claim. */
    JdbcClient jdbc();

    /** Queues an event in the transactional outbox; it reaches Kafka only if the transaction commits. */
    void emit(String topic, String key, SpecificRecord event);
}
