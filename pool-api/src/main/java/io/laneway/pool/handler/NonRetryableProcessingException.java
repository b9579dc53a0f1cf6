package io.laneway.pool.handler;

/** Retrying cannot help (no handler, payload of the wrong shape): dead-letter at once. */
public class NonRetryableProcessingException extends RuntimeException {

    public NonRetryableProcessingException(String message) {
        super(message);
    }
}
