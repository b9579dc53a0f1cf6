package io.laneway.pool.retry;

import java.time.Duration;

/**
 * Delay before retry number {@code attempt} (the first retry is attempt 2): exponential from
 * {@code initial}, capped at {@code max}, then "equal jitter" (half fixed, half random), so a burst of
 * failures does not come back as a synchronized burst yet never retries immediately. Pure: the random
 * draw in [0, 1) is a parameter.
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max) {

    public Duration delayBefore(int attempt, double random) {
        int retryNumber = Math.max(1, attempt - 1);
        double exponential = initial.toMillis() * Math.pow(multiplier, retryNumber - 1);
        double capped = Math.min(max.toMillis(), exponential);
        double jittered = capped / 2 + (capped / 2) * random;
        return Duration.ofMillis(Math.round(jittered));
    }
}
