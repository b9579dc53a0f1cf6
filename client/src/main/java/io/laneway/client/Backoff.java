package io.laneway.client;

import java.time.Duration;

/**
 * Pure: how long to wait before attempt {@code attempt + 1}. Exponential from {@code initial}, capped at {@code max}, never
 * earlier than the server's Retry-After, plus up to a quarter more at random so clients refused together do not all
 * come back together.
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * @param attempt    the attempt that was refused (1 for the first)
     * @param retryAfter the refusal's Retry-After, or null
     * @param random     a value in [0, 1)
     */
    public Duration delayAfter(int attempt, Duration retryAfter, double random) {
        long exponential = initial.toMillis() << Math.min(attempt - 1, 20);
        long base = Math.min(exponential, max.toMillis());
        if (retryAfter != null) {
            base = Math.max(base, retryAfter.toMillis());
        }
        return Duration.ofMillis(base + (long) (base * 0.25 * random));
    }

    /** Retry-After in seconds (the router's form); null when absent or not a number of seconds. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the exponential backoff applies
        }
    }
}
