package io.laneway.pool.retry;

/** Headers on a record waiting in a retry tier. */
public final class RetryHeaders {

    /** Epoch millis before which the record must not go back to its lane. */
    public static final String DUE_AT = "laneway-retry-due-at";
    /** The lane topic to return to. */
    public static final String RETURN_TO = "laneway-retry-return-to";

    private RetryHeaders() {
    }
}
