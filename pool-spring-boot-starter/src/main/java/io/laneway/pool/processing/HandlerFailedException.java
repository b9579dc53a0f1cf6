package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;

/** A handler threw a checked exception or an {@link Error}; treated as transient (retried with backoff). */
public class HandlerFailedException extends RuntimeException {

    public HandlerFailedException(Envelope envelope, Throwable cause) {
        super("Handler for " + envelope.getType() + " failed on " + envelope.getId() + ": " + cause.getMessage(), cause);
    }
}
