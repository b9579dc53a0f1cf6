package io.laneway.router.payload;

/** The payload cannot be checked now (registry unreachable, schema never loaded): 503, nothing enqueued. */
public class PayloadSchemaUnavailableException extends RuntimeException {

    public PayloadSchemaUnavailableException(String subject, Throwable cause) {
        super("Payload schema " + subject + " cannot be read from the schema registry right now", cause);
    }
}
