package io.laneway.pool.retry;

/** Whether another attempt can succeed. */
public enum FailureKind {
    /** Timeouts, unavailable downstreams, lock conflicts: try again later. */
    TRANSIENT,
    /** Bad payload, missing handler, business rule violated: retrying cannot help, dead-letter at once. */
    PERMANENT
}
