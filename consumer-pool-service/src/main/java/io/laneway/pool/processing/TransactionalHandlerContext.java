package io.laneway.pool.processing;

import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.Checkpoints;
import io.laneway.pool.handler.HandlerContext;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A handler's view of its batch transaction; its events wait here until its savepoint is released. */
final class TransactionalHandlerContext implements HandlerContext {

    private final Envelope envelope;
    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Checkpoints checkpoints;
    private final List<PendingOutboxRow> events = new ArrayList<>(2);

    TransactionalHandlerContext(Envelope envelope, JdbcClient jdbc, OutboxWriter outbox, Checkpoints checkpoints) {
        this.envelope = envelope;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.checkpoints = checkpoints;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void emit(String topic, String key, SpecificRecord event) {
        events.add(outbox.serialize(topic, key, event, envelope.getMetadata().getTraceId()));
    }

    @Override
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    List<PendingOutboxRow> events() {
        return events;
    }
}
