package io.laneway.pool.retry;

import java.util.Map;

/** Max attempts per envelope type (the first try counts), with a default. */
public record RetryPolicies(int defaultMaxAttempts, Map<String, Integer> byType) {

    public int maxAttempts(String type) {
        return byType.getOrDefault(type, defaultMaxAttempts);
    }
}
