package io.laneway.pool.processing;

import io.laneway.pool.idempotency.IdempotencyClaims;
import io.laneway.pool.outbox.OutboxWriter;
import io.laneway.pool.checkpoint.CheckpointStore;
import io.laneway.pool.outbox.PendingOutboxRow;
import io.laneway.pool.handler.NonRetryableProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.TransactionScope;
import io.laneway.pool.resilience.DatabaseBreaker;
import io.laneway.pool.resilience.DatabaseOutage;
import io.laneway.pool.resilience.DownstreamBreakers;
import io.laneway.pool.resilience.LockContention;
import io.laneway.pool.resilience.RegistryOutage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exactly-once effects for a batch of envelopes in ONE PostgreSQL transaction:
 * <ol>
 * <li>one multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING claims every envelope's idempotency row;
 *     an envelope whose row exists is a redelivery and is skipped;</li>
 * <li>each claimed envelope's handler runs under its own savepoint: a failure rolls back that envelope
 *     alone (its claim is removed again so a retry can claim it);</li>
 * <li>the outbox rows of the envelopes that succeeded (their events plus a COMPLETED lifecycle event) go in
 *     one multi-row INSERT; then commit.</li>
 * </ol>
 * One commit per batch instead of per envelope is what lifts the pool past PostgreSQL's ~9.5k
 * commits/s on this machine (see CEILINGS.md).
 */
@Component
public class BatchProcessor {

    private final TransactionTemplate tx;
    private final IdempotencyClaims claims;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final HandlerRegistry handlers;
    private final OutboxWriter outbox;
    private final HandlerInvocation invocation;
    private final OwnTransactionProcessor ownTransactions;
    private final DownstreamBreakers breakers;
    private final CheckpointStore checkpoints;
    private final DatabaseBreaker database;
    /** Lock races one envelope may lose in a row before the next counts as an ordinary (transient) failure. */
    static final int LOCK_RACES_BEFORE_FAILING = 10;

    /** Envelope id -> lock races lost in a row; an entry goes when the envelope has any other outcome. */
    private final Map<String, Integer> lockRacesInARow = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public BatchProcessor(@Qualifier("batchTransactions") TransactionTemplate tx, IdempotencyClaims claims, JdbcClient jdbc, JdbcTemplate jdbcTemplate,
                          HandlerRegistry handlers,
                          OutboxWriter outbox, HandlerInvocation invocation, OwnTransactionProcessor ownTransactions,
                          DownstreamBreakers breakers, CheckpointStore checkpoints, DatabaseBreaker database, MeterRegistry meters) {
        this.database = database;
        this.meters = meters;
        this.tx = tx;
        this.claims = claims;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.handlers = handlers;
        this.outbox = outbox;
        this.invocation = invocation;
        this.ownTransactions = ownTransactions;
        this.breakers = breakers;
        this.checkpoints = checkpoints;
    }

    /**
     * Runs the batch; afterwards every attempt has an outcome. Never throws for a handler's failure.
     *
     * <p>Savepoints cost two round trips per envelope, so the common case (nothing fails) runs without them:
     * if a handler then fails, the whole transaction rolls back, that envelope is marked failed, and the rest
     * run again in a new transaction with a savepoint per envelope (at most two runs; their effects count
     * once because the first run never committed). Handlers that call a downstream (a circuit-breaker name)
     * always get a savepoint, and so does every envelope after one that called out, so an external call that
     * succeeded is never repeated because a neighbour failed. Envelopes whose
     * handler asks for {@link TransactionScope#ENVELOPE} run afterwards, each in a transaction of its own
     * ({@link OwnTransactionProcessor}).
     *
     * <p>Writes handlers defer ({@link io.laneway.pool.handler.HandlerContext#deferredUpdate}) run as one JDBC batch per
     * statement for all envelopes without a savepoint, before the next savepoint and before the commit; an envelope under
     * a savepoint runs its own before the savepoint is released, so a failing one is its own. If the shared batch fails,
     * nobody's envelope is known to blame: everything rolls back and runs again with a savepoint per envelope. No
     * downstream call has succeeded in the transaction by then (the shared writes are flushed before every savepoint).
     */
    public void process(List<Attempt> batch) {
        CircuitBreaker db = database.breaker();
        if (!db.tryAcquirePermission()) {
            batch.forEach(Attempt::deferred); // PostgreSQL is known to be down: wait for the breaker's trial
            return;
        }
        long started = System.nanoTime();
        List<Attempt> shared = new ArrayList<>(batch.size());
        List<Attempt> alone = new ArrayList<>();
        for (Attempt attempt : batch) {
            (runsAlone(attempt.envelope()) ? alone : shared).add(attempt);
        }
        runBatch(shared); // a batch holds distinct ordering keys, so running these apart keeps every key's order
        ownTransactions.process(alone);
        Throwable outage = deferWhatIsNoEnvelopesFault(batch);
        if (outage != null) {
            db.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, outage);
        } else {
            db.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Work on the long-running lane always runs in a transaction of its own, whatever its handler's scope: a batch's
     * shared transaction (and every other envelope's effects in it) must not wait for minutes of one envelope's work.
     */
    private boolean runsAlone(Envelope envelope) {
        return envelope.getRouting().getLane() == Lane.LONG_RUNNING
                || handlers.find(envelope.getType()).map(h -> h.transactionScope() == TransactionScope.ENVELOPE).orElse(false);
    }

    /**
     * Failures that are nobody's envelope's fault go back to the queue (in key order) with the attempt budget untouched:
     * <ul>
     * <li>a lost race for rows (deadlock, serialization failure): the other transaction has finished by the rerun. Up to
     *     {@value #LOCK_RACES_BEFORE_FAILING} in a row per envelope: one that loses every race (a handler that deadlocks
     *     with itself, say) then fails like any transient error, so it reaches the retry and dead-letter topics instead
     *     of circling for ever;</li>
     * <li>no free connection in this service's pool while PostgreSQL answers: saturation, so not told to the breaker;</li>
     * <li>PostgreSQL unreachable: returned, so the database breaker hears of it. Safe even when a commit did go through
     *     before the connection broke: the rerun finds the idempotency rows and counts the envelopes as duplicates.</li>
     * </ul>
     *
     * @return the last outage failure, or null if there was none
     */
    private Throwable deferWhatIsNoEnvelopesFault(List<Attempt> batch) {
        Throwable outage = null;
        for (Attempt attempt : batch) {
            if (attempt.outcome() != Attempt.Outcome.FAILED) {
                if (!lockRacesInARow.isEmpty()) {
                    lockRacesInARow.remove(attempt.envelope().getId());
                }
                continue;
            }
            if (LockContention.is(attempt.error())) {
                meters.counter("laneway.pool.lock.contention", "type", attempt.envelope().getType()).increment();
                if (lockRacesInARow.merge(attempt.envelope().getId(), 1, Integer::sum) < LOCK_RACES_BEFORE_FAILING) {
                    attempt.deferred();
                    continue;
                }
                lockRacesInARow.remove(attempt.envelope().getId()); // stays FAILED: spends an attempt like any transient failure
            } else if (DatabaseOutage.poolExhausted(attempt.error())) {
                meters.counter("laneway.pool.connections.exhausted", "type", attempt.envelope().getType()).increment();
                attempt.deferred();
            } else if (DatabaseOutage.is(attempt.error())) {
                outage = attempt.error();
                attempt.deferred();
            } else if (RegistryOutage.is(attempt.error())) { // its payload's schema could not be fetched: no fault of its own
                meters.counter("laneway.pool.registry.deferred", "type", attempt.envelope().getType()).increment();
                attempt.deferred();
            }
        }
        return outage;
    }

    private void runBatch(List<Attempt> batch) {
        try {
            runOnce(batch, false);
        } catch (OptimisticRollback rollback) {
            rollback.attempt.failed(rollback.failure, rollback.handlerNanos);
            List<Attempt> rest = batch.stream().filter(a -> a != rollback.attempt).toList();
            rest.forEach(Attempt::reset);
            try {
                runOnce(rest, true);
            } catch (RuntimeException e) {
                rest.forEach(attempt -> attempt.failedWithTransaction(e));
            }
        } catch (SharedWritesFailed failed) {
            batch.forEach(Attempt::reset);
            meters.counter("laneway.pool.deferred.reruns").increment();
            try {
                runOnce(batch, true);
            } catch (RuntimeException e) {
                batch.forEach(attempt -> attempt.failedWithTransaction(e));
            }
        } catch (RuntimeException e) {
            batch.forEach(attempt -> attempt.failedWithTransaction(e));
        }
    }

    /** The deferred writes of envelopes that ran without a savepoint failed together: which one's is not known. */
    private static final class SharedWritesFailed extends RuntimeException {
        SharedWritesFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private void flushShared(DeferredUpdates shared) {
        if (shared.isEmpty()) {
            return;
        }
        try {
            shared.flush(jdbcTemplate);
        } catch (RuntimeException e) {
            throw new SharedWritesFailed(e);
        }
    }

    /** A handler failed in a batch running without savepoints: roll everything back and run the rest safely. */
    private static final class OptimisticRollback extends RuntimeException {
        final transient Attempt attempt;
        final Exception failure;
        final long handlerNanos;

        OptimisticRollback(Attempt attempt, Exception cause, long handlerNanos) {
            super(null, null, false, false);
            this.attempt = attempt;
            this.failure = cause;
            this.handlerNanos = handlerNanos;
        }
    }

    private void runOnce(List<Attempt> batch, boolean savepointEach) {
        if (batch.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            Set<String> claimed = claims.claim(batch.stream().map(Attempt::envelope).toList());
            List<PendingOutboxRow> rows = new ArrayList<>(batch.size() * 2);
            List<String> unclaim = new ArrayList<>();
            DeferredUpdates shared = new DeferredUpdates();
            // once a downstream call has succeeded in this transaction, every later envelope gets a savepoint: a failure
            // without one would roll back the whole transaction, and the rerun would make that call a second time
            boolean calledOut = false;
            for (Attempt attempt : batch) {
                Envelope envelope = attempt.envelope();
                if (!claimed.remove(envelope.getId())) { // removed: a second copy in the same batch is a duplicate too
                    attempt.duplicate();
                    continue;
                }
                EnvelopeHandler<?> handler = handlers.find(envelope.getType()).orElse(null);
                CircuitBreaker breaker = handler == null ? null : breakers.forHandler(handler);
                if (breaker != null) {
                    attempt.callsDownstream(breaker.getName());
                }
                if (breaker != null && !breaker.tryAcquirePermission()) {
                    attempt.deferred();
                    unclaim.add(envelope.getId());
                    continue;
                }
                boolean needsSavepoint = savepointEach || breaker != null || calledOut;
                if (needsSavepoint) {
                    flushShared(shared); // before this envelope may call out: a rerun must not repeat a call that succeeded
                }
                Object savepoint = needsSavepoint ? status.createSavepoint() : null;
                long started = System.nanoTime();
                try {
                    if (handler == null) {
                        throw new NonRetryableProcessingException("No handler registered for type '" + envelope.getType() + "'");
                    }
                    CheckpointStore.EnvelopeCheckpoints progress = checkpoints.forEnvelope(envelope);
                    TransactionalHandlerContext context = new TransactionalHandlerContext(envelope, jdbc, outbox, progress);
                    invocation.invoke(handler, envelope, context);
                    progress.finished();
                    if (savepoint != null) {
                        context.deferredUpdates().flush(jdbcTemplate);
                        status.releaseSavepoint(savepoint);
                    } else {
                        context.deferredUpdates().moveTo(shared);
                    }
                    long took = System.nanoTime() - started;
                    if (breaker != null) {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        calledOut = true;
                    }
                    rows.addAll(context.rowsOnSuccess(took));
                    attempt.succeeded(took);
                } catch (Exception e) {
                    long took = System.nanoTime() - started;
                    if (savepoint == null) {
                        throw new OptimisticRollback(attempt, e, took);
                    }
                    status.rollbackToSavepoint(savepoint);
                    if (breaker != null) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, e);
                    }
                    unclaim.add(envelope.getId());
                    attempt.failed(e, took);
                }
            }
            if (!unclaim.isEmpty()) {
                claims.release(unclaim);
            }
            flushShared(shared);
            outbox.insert(rows);
        });
    }
}
