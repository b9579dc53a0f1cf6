package io.laneway.projection.query;

/** The caller's query cannot be answered as asked (400 with the reason). */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String message) {
        super(message);
    }
}
