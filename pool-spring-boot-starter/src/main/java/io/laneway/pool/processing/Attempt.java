package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;

/**
 * One envelope to process and, after {@link BatchProcessor#process}, what became of it.
 *
 * @param envelope decoded envelope
 * @param origin   where it was read (for logs and dead-letter context)
 */
public final class Attempt {

    public enum Outcome {
        /** Effects and outbox rows committed. */
        PROCESSED,
        /** Its idempotency row already existed: a redelivery, nothing ran. */
        DUPLICATE,
        /** The handler (or decoding) failed; its savepoint was rolled back, nothing of it committed. */
        FAILED,
        /** Its downstream's circuit is open: not attempted, to be run again later (not a failure). */
        DEFERRED
    }

    private final Envelope envelope;
    private final String origin;
    private Outcome outcome;
    private Throwable error;
    private long handlerNanos;
    private String downstream;

    public Attempt(Envelope envelope, String origin) {
        this.envelope = envelope;
        this.origin = origin;
    }

    public Envelope envelope() {
        return envelope;
    }

    public String origin() {
        return origin;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Throwable error() {
        return error;
    }

    public long handlerNanos() {
        return handlerNanos;
    }

    /** The downstream (circuit breaker name) its handler calls, or null. */
    public String downstream() {
        return downstream;
    }

    void callsDownstream(String name) {
        downstream = name;
    }

    void succeeded(long nanos) {
        outcome = Outcome.PROCESSED;
        handlerNanos = nanos;
    }

    void failed(Throwable cause, long nanos) {
        outcome = Outcome.FAILED;
        error = cause;
        handlerNanos = nanos;
    }

    void duplicate() {
        outcome = Outcome.DUPLICATE;
    }

    void deferred() {
        outcome = Outcome.DEFERRED;
    }

    /** Forgets the outcome of a run that was rolled back, before running again. */
    void reset() {
        outcome = null;
        error = null;
        handlerNanos = 0;
    }

    /** A transaction that failed as a whole (commit error, lost connection) fails every attempt in it. */
    void failedWithTransaction(Throwable cause) {
        if (outcome == Outcome.PROCESSED || outcome == Outcome.DUPLICATE || outcome == null) {
            outcome = Outcome.FAILED;
            error = cause;
        }
    }
}
