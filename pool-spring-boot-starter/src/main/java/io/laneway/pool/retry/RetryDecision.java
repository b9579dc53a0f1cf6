package io.laneway.pool.retry;

import java.time.Duration;

/** What happens to a failed envelope: retry after a delay, or dead-letter (and why). Pure. */
public sealed interface RetryDecision {

    record Retry(int nextAttempt, Duration delay) implements RetryDecision {
    }

    record DeadLetter(String reason) implements RetryDecision {
    }

    static RetryDecision decide(FailureKind kind, int attempt, int maxAttempts, RetryBackoff backoff, double random) {
        if (kind == FailureKind.PERMANENT) {
            return new DeadLetter("permanent failure");
        }
        if (attempt >= maxAttempts) {
            return new DeadLetter("attempts exhausted (" + attempt + " of " + maxAttempts + ")");
        }
        return new Retry(attempt + 1, backoff.delayBefore(attempt + 1, random));
    }
}
