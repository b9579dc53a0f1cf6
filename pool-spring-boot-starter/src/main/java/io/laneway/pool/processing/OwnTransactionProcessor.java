package io.laneway.pool.processing;

import io.laneway.pool.idempotency.IdempotencyClaims;
import io.laneway.pool.outbox.OutboxWriter;
import io.laneway.pool.checkpoint.CheckpointStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.TransactionScope;
import io.laneway.pool.resilience.DownstreamBreakers;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Envelopes whose handler asks for {@link TransactionScope#ENVELOPE}: each in a transaction of its own that opens at the
 * handler's first {@link io.laneway.pool.handler.HandlerContext#jdbc()} call, not before. Whatever the handler does
 * first (a wait, a remote call, a computation, checkpoints) holds no connection and no lock; its rows are locked only
 * from its first statement to the commit.
 *
 * <p>The idempotency row is claimed when the transaction opens, in the same transaction as the effects and outbox rows:
 * if another attempt of the same envelope committed while this one did its slow part, the claim finds its row and the
 * handler stops there (a duplicate). Redeliveries of envelopes already processed are found before any handler runs, by
 * one read for all of them, so their slow work is not repeated either.
 */
@Component
public class OwnTransactionProcessor {

    private final PlatformTransactionManager transactions;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final IdempotencyClaims claims;
    private final HandlerRegistry handlers;
    private final HandlerInvocation invocation;
    private final OutboxWriter outbox;
    private final DownstreamBreakers breakers;
    private final CheckpointStore checkpoints;

    public OwnTransactionProcessor(@Qualifier("batchTransactionManager") PlatformTransactionManager transactions, JdbcClient jdbc,
                                   JdbcTemplate jdbcTemplate, IdempotencyClaims claims,
                                   HandlerRegistry handlers, HandlerInvocation invocation, OutboxWriter outbox,
                                   DownstreamBreakers breakers, CheckpointStore checkpoints) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.claims = claims;
        this.handlers = handlers;
        this.invocation = invocation;
        this.outbox = outbox;
        this.breakers = breakers;
        this.checkpoints = checkpoints;
    }

    /** Runs each envelope in its own transaction; afterwards every attempt has an outcome. */
    void process(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        Set<String> processedBefore;
        try {
            processedBefore = claims.alreadyProcessed(attempts.stream().map(Attempt::envelope).toList());
        } catch (RuntimeException e) {
            attempts.forEach(attempt -> attempt.failedWithTransaction(e)); // PostgreSQL unreachable: the caller defers them
            return;
        }
        for (Attempt attempt : attempts) {
            if (processedBefore.contains(attempt.envelope().getId())) {
                attempt.duplicate();
            } else {
                run(attempt);
            }
        }
    }

    private void run(Attempt attempt) {
        Envelope envelope = attempt.envelope();
        EnvelopeHandler<?> handler = handlers.find(envelope.getType()).orElseThrow(); // the caller routed it here by its scope
        CircuitBreaker breaker = breakers.forHandler(handler);
        if (breaker != null) {
            attempt.callsDownstream(breaker.getName());
            if (!breaker.tryAcquirePermission()) {
                attempt.deferred();
                return;
            }
        }
        LazyTransaction transaction = new LazyTransaction(envelope);
        CheckpointStore.EnvelopeCheckpoints progress = checkpoints.forEnvelope(envelope);
        TransactionalHandlerContext context = new TransactionalHandlerContext(envelope, jdbc, outbox, progress, transaction::begin);
        long started = System.nanoTime();
        long took;
        try {
            invocation.invoke(handler, envelope, context);
            took = System.nanoTime() - started;
        } catch (Exception e) {
            took = System.nanoTime() - started;
            transaction.rollbackIfBegun();
            if (transaction.foundProcessed) { // thrown at the claim, perhaps wrapped by the handler
                attempt.duplicate();
                return;
            }
            if (breaker != null) {
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
            }
            attempt.failed(e, took);
            return;
        }
        if (breaker != null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS); // the downstream answered, whatever the commit does next
        }
        try {
            transaction.begin(); // a handler that never touched the database claims here
            progress.finished();
            context.deferredUpdates().flush(jdbcTemplate);
            outbox.insert(context.rowsOnSuccess(took));
            transaction.commit();
            attempt.succeeded(took);
        } catch (AlreadyProcessed duplicate) {
            transaction.rollbackIfBegun();
            attempt.duplicate();
        } catch (RuntimeException e) {
            transaction.rollbackIfBegun();
            attempt.failedWithTransaction(e); // a database failure, not the handler's: classified by the caller
        }
    }

    /** Thrown at the claim when another attempt of the envelope has committed: the handler stops, its work rolls back. */
    private static final class AlreadyProcessed extends RuntimeException {
        AlreadyProcessed() {
            super(null, null, false, false);
        }
    }

    /**
     * A transaction begun on first use and bound to this thread, so the handler's JdbcClient calls run in it. Its first
     * statement claims the idempotency row, before the handler's own statements lock anything: a concurrent attempt of
     * the same envelope waits there for this one's outcome, as in a batch transaction.
     */
    private final class LazyTransaction {

        private final Envelope envelope;
        private TransactionStatus status;
        /** Kept, so a handler that swallowed the exception cannot write on: every later call throws it again. */
        private boolean foundProcessed;

        LazyTransaction(Envelope envelope) {
            this.envelope = envelope;
        }

        void begin() {
            if (foundProcessed) {
                throw new AlreadyProcessed();
            }
            if (status == null) {
                status = transactions.getTransaction(new DefaultTransactionDefinition());
                if (!claims.claim(List.of(envelope)).contains(envelope.getId())) {
                    foundProcessed = true;
                    throw new AlreadyProcessed();
                }
            }
        }

        void commit() {
            TransactionStatus committing = status;
            status = null;
            transactions.commit(committing);
        }

        void rollbackIfBegun() {
            if (status != null && !status.isCompleted()) {
                TransactionStatus rolling = status;
                status = null;
                transactions.rollback(rolling);
            }
        }
    }
}
