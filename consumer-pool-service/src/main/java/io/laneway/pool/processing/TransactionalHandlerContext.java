package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.HandlerContext;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

record TransactionalHandlerContext(Envelope envelope, JdbcClient jdbc, OutboxWriter outbox) implements HandlerContext {

    @Override
    public void emit(String topic, String key, SpecificRecord event) {
        outbox.write(topic, key, event, envelope.getMetadata().getTraceId());
    }
}
