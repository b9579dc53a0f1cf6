package io.laneway.pool.retry;

import java.util.Map;

/** Max attempts per envelope type (the first try counts), with a default. */
public record RetryPolicies(int defaultMaxAttempts, Map<String, Integer> byType) {

    /** No per-type overrides configured (the usual case) binds as null: it means "the default for every type". */
    public RetryPolicies {
        byType = byType == null ? Map.of() : Map.copyOf(byType);
    }

    public int maxAttempts(String type) {
        return byType.getOrDefault(type, defaultMaxAttempts);
    }
}
