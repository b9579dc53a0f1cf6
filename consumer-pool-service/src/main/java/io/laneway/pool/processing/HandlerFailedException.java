package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;

/** A handler threw a checked exception; treated as transient (retried with backoff). */
public class HandlerFailedException extends RuntimeException {

    public HandlerFailedException(Envelope envelope, Exception cause) {
        super("Handler for " + envelope.getType() + " failed on " + envelope.getId() + ": " + cause.getMessage(), cause);
    }
}
