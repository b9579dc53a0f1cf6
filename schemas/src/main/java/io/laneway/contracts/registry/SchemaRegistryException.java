package io.laneway.contracts.registry;

/** A Confluent Schema Registry API error: HTTP status plus the registry's own error code and message. */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code, e.g. 409 = incompatible schema, 40401 = subject not found. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isIncompatibleSchema() {
        return httpStatus == 409;
    }
}
