package io.laneway.pool.retry;

import java.time.Duration;

import io.laneway.contracts.Topics;

/** The delay tier topic for a backoff: the smallest tier whose bound covers it. Pure. */
public final class RetryTiers {

    private RetryTiers() {
    }

    public static String topicFor(Duration delay) {
        if (delay.compareTo(Duration.ofSeconds(5)) <= 0) {
            return Topics.RETRY_5S;
        }
        if (delay.compareTo(Duration.ofMinutes(1)) <= 0) {
            return Topics.RETRY_1M;
        }
        return Topics.RETRY_10M;
    }
}
