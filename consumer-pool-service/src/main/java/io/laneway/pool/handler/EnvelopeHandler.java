package io.laneway.pool.handler;

/**
 * The one thing a platform user writes: how to process one envelope type. Register an implementation as
 * a Spring bean and the pool routes that type to it.
 *
 * <p>{@link #handle} runs inside the pool's database transaction: write effects through
 * {@link HandlerContext#jdbc()} and events through {@link HandlerContext#emit}; they commit together with
 * the idempotency claim, or not at all. Envelopes of a poll share one transaction, each under its own
 * savepoint, so a failing envelope rolls back alone. Throw to fail: the pool classifies the exception
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
}
