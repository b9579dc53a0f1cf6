package io.laneway.pool.handler;

/**
 * The one thing a platform user writes: how to process one envelope type. Register an implementation as
 * a Spring bean and the pool routes that type to it.
 *
 * <p>{@link #handle} runs inside the pool's database transaction: write effects through
 * {@link HandlerContext#jdbc()} and events through {@link HandlerContext#emit}; they commit together with
 * the idempotency claim, or not at all. Envelopes of a poll share one transaction, each under its own
 * savepoint, so a failing envelope rolls back alone (unless the handler asks for a transaction per envelope:
 * {@link #transactionScope()}). Throw to fail: the pool classifies the exception
 * (transient: retried later through a delay topic; permanent: dead-lettered at once).
 *
 * @param <P> the payload, decoded from the envelope's JSON
 */
public interface EnvelopeHandler<P> {

    /** The envelope type this handler owns, as in the router's type catalog, e.g. {@code demo.greet}. */
    String type();

    Class<P> payloadType();

    void handle(P payload, HandlerContext context) throws Exception;

    /**
     * The downstream dependency this handler calls (e.g. {@code payment-gateway}), guarded by a circuit
     * breaker of that name: while it is open the lane stops taking work instead of burning retries.
     * {@code null} when the handler only touches the database.
     */
    default String downstream() {
        return null;
    }

    /**
     * {@link TransactionScope#BATCH} (the default) shares the poll's transaction; {@link TransactionScope#ENVELOPE} gives
     * each envelope a transaction of its own. Choose ENVELOPE when the handler locks rows that many envelopes contend
     * for (the stock of a product, an account's balance). A shared transaction holds every envelope's locks until the
     * whole batch commits, so locking rows in a fixed order inside the handler no longer prevents deadlocks: two batches
     * take the same hot rows in the order of their envelopes. PostgreSQL then needs {@code deadlock_timeout} (1 s) to
     * notice, and every batch queued behind those rows waits with them. In the order saga's end-to-end test this turned a
     * one-minute run into timed-out steps.
     *
     * <p>Choose ENVELOPE also when the handler does slow work before its first write: its own transaction opens at its
     * first {@link HandlerContext#jdbc()} call, so the wait holds neither a connection nor a transaction (the order
     * saga's shipping sleeps through its steps this way). Redeliveries of processed envelopes are still recognised
     * before the handler runs.
     */
    default TransactionScope transactionScope() {
        return TransactionScope.BATCH;
    }
}
