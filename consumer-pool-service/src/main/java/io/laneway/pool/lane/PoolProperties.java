package io.laneway.pool.lane;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.pool.*}: per-lane pools, retries, dead letters and retention. Defaults are in
 * application.yml; every field is documented in the service README.
 */
@ConfigurationProperties("laneway.pool")
public record PoolProperties(Map<String, Lane> lanes, Retry retry, DeadLetters deadLetters, Duration idempotencyRetention,
                             String instanceId, Duration adjustInterval, String groupPrefix, Duration checkpointInterval) {

    public PoolProperties {
        lanes = lanes == null ? new LinkedHashMap<>() : lanes;
        retry = retry == null ? new Retry(3, Map.of(), Duration.ofMillis(500), 2.0, Duration.ofMinutes(5), List.of(), List.of()) : retry;
        deadLetters = deadLetters == null ? new DeadLetters(50, Duration.ofMinutes(1)) : deadLetters;
        idempotencyRetention = idempotencyRetention == null ? Duration.ofDays(7) : idempotencyRetention;
        adjustInterval = adjustInterval == null ? Duration.ofSeconds(1) : adjustInterval;
        groupPrefix = groupPrefix == null || groupPrefix.isBlank() ? "laneway-pool" : groupPrefix;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(1) : checkpointInterval;
    }

    /**
     * @param enabled           run this lane in this instance
     * @param concurrency       initial workers (transactions at a time)
     * @param minConcurrency    adaptive lower bound
     * @param maxConcurrency    adaptive upper bound
     * @param maxBatch          most envelopes per transaction
     * @param targetBatchMillis handler time one batch should hold
     * @param p95HighMillis     shrink above this p95 handler time
     * @param p95LowMillis      grow only below this p95
     * @param processingEvents  publish PROCESSING when work starts
     * @param shutdownTimeout   how long running work may take to finish on shutdown or revocation
     * @param maxBuffered       most records held in memory between poll and completion
     */
    public record Lane(Boolean enabled, Integer concurrency, Integer minConcurrency, Integer maxConcurrency, Integer maxBatch,
                       Double targetBatchMillis, Double p95HighMillis, Double p95LowMillis, Boolean processingEvents,
                       Duration shutdownTimeout, Integer maxBuffered) {
    }

    /**
     * @param maxAttempts       attempts per envelope, the first included
     * @param maxAttemptsByType overrides per envelope type
     * @param permanent         exception classes that are dead-lettered at once
     * @param transientErrors   exception classes always retried (checked after {@code permanent})
     */
    public record Retry(int maxAttempts, Map<String, Integer> maxAttemptsByType, Duration initialDelay, double multiplier,
                        Duration maxDelay, List<Class<? extends Throwable>> permanent,
                        List<Class<? extends Throwable>> transientErrors) {
    }

    /** @param floodThreshold dead letters of one fingerprint within {@code floodWindow} before quarantine */
    public record DeadLetters(int floodThreshold, Duration floodWindow) {
    }
}
