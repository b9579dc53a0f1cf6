package io.laneway.router.publish;

/** Kafka could not take the message in time: the caller should retry later (503 + Retry-After). */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
