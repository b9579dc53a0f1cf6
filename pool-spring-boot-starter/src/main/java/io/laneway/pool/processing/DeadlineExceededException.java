package io.laneway.pool.processing;

import io.laneway.pool.handler.NonRetryableProcessingException;
import java.time.Instant;

/**
 * An envelope's deadline (the catalog's {@code timeout}, from acceptance) passed before or while its handler ran. The
 * handler was stopped and its transaction rolled back; retrying cannot bring the deadline back, so it is dead-lettered.
 */
public class DeadlineExceededException extends NonRetryableProcessingException {

    public DeadlineExceededException(String messageId, Instant deadline, String when) {
        super("Timeout: message " + messageId + " passed its deadline " + deadline + " " + when);
    }
}
