package io.laneway.pool.deadletter;

/** Header names of the context a dead letter carries (values UTF-8 text). */
public final class DeadLetterHeaders {

    public static final String ERROR_CLASS = "laneway-dlt-error-class";
    public static final String ERROR_MESSAGE = "laneway-dlt-error-message";
    public static final String ERROR_STACK = "laneway-dlt-error-stack";
    public static final String REASON = "laneway-dlt-reason";
    public static final String ATTEMPTS = "laneway-dlt-attempts";
    public static final String ORIGINAL_TOPIC = "laneway-dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "laneway-dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "laneway-dlt-original-offset";
    public static final String LANE = "laneway-dlt-lane";
    public static final String TYPE = "laneway-dlt-type";
    public static final String MESSAGE_ID = "laneway-dlt-message-id";
    public static final String FINGERPRINT = "laneway-dlt-fingerprint";
    public static final String FIRST_FAILED_AT = "laneway-first-failed-at";
    public static final String DEAD_LETTERED_AT = "laneway-dlt-at";
    public static final String TRACE_ID = "laneway-trace-id";

    private DeadLetterHeaders() {
    }
}
