package io.laneway.pool.processing;

import io.laneway.contracts.lifecycle.LifecycleEvents;
import io.laneway.pool.outbox.OutboxWriter;
import io.laneway.pool.outbox.PendingOutboxRow;
import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.Checkpoints;
import io.laneway.pool.handler.HandlerContext;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A handler's view of its transaction (the batch's, or its own once it touches the database); its events wait here until its savepoint is released. */
final class TransactionalHandlerContext implements HandlerContext {

    private final Envelope envelope;
    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Checkpoints checkpoints;
    private final List<PendingOutboxRow> events = new ArrayList<>(2);
    private final DeferredUpdates deferred = new DeferredUpdates();
    private final Runnable beforeDatabase;

    /** In the batch's transaction, open before the handler runs. */
    TransactionalHandlerContext(Envelope envelope, JdbcClient jdbc, OutboxWriter outbox, Checkpoints checkpoints) {
        this(envelope, jdbc, outbox, checkpoints, () -> { });
    }

    /** {@code beforeDatabase} runs at each {@link #jdbc()} call: it opens the envelope's own transaction on the first. */
    TransactionalHandlerContext(Envelope envelope, JdbcClient jdbc, OutboxWriter outbox, Checkpoints checkpoints, Runnable beforeDatabase) {
        this.beforeDatabase = beforeDatabase;
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
        beforeDatabase.run();
        return jdbc;
    }

    /** Only queued here: the processor runs it under the envelope's savepoint, or with the batch's before the commit. */
    @Override
    public void deferredUpdate(String sql, Object... params) {
        deferred.add(sql, params);
    }

    DeferredUpdates deferredUpdates() {
        return deferred;
    }

    @Override
    public void emit(String topic, String key, SpecificRecord event) {
        events.add(outbox.serialize(topic, key, event, envelope.getMetadata().getTraceId()));
    }

    @Override
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /** The outbox rows of a handler that succeeded: its events, then the COMPLETED lifecycle event with its duration. */
    List<PendingOutboxRow> rowsOnSuccess(long handlerNanos) {
        List<PendingOutboxRow> rows = new ArrayList<>(events.size() + 1);
        rows.addAll(events);
        rows.add(outbox.serialize(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.completed(envelope, handlerNanos),
                envelope.getMetadata().getTraceId()));
        return rows;
    }
}
