package io.laneway.pool.handler;

/** Which database transaction a handler's work runs in; see {@link EnvelopeHandler#transactionScope()}. */
public enum TransactionScope {

    /** The poll's shared transaction, under a savepoint of its own: the fastest, and right for most handlers. */
    BATCH,

    /**
     * A transaction for this envelope alone (its idempotency row, effects and outbox rows still commit together), opened
     * at the handler's first {@link HandlerContext#jdbc()} call. For handlers that lock rows many envelopes contend for,
     * so the locks are held only for this envelope's own work, and for handlers that do something slow before they
     * write (wait, call a remote service, compute): that part holds no connection and no transaction.
     */
    ENVELOPE
}
