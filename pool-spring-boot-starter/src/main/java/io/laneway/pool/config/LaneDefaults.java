package io.laneway.pool.config;

import java.time.Duration;

/**
 * Each lane's defaults, in one place: what a service gets when it configures nothing under
 * {@code laneway.pool.lanes.<lane>}. Why these numbers: benchmarks/results/design-notes.md.
 */
public final class LaneDefaults {

    /**
     * Fast: short handlers, many at once, large batches (one transaction holds about 50 ms of handler time), no
     * PROCESSING events (one more write per envelope where envelopes are cheapest).
     */
    static final PoolProperties.Lane FAST = new PoolProperties.Lane(true, 16, 1, 48, 200, 50.0, 5_000.0, 1_000.0, false,
            Duration.ofSeconds(20), 20_000);

    /**
     * Heavy: compute-intensive work takes a whole core per worker, and the adaptive policy reacts to CPU only after the
     * fact, so one worker (set more on hosts with more cores: cores / 2): more would take the cores the fast lane's
     * latency needs (benchmarks/results/design-notes.md#heavy-lane-one-worker).
     */
    static final PoolProperties.Lane HEAVY = new PoolProperties.Lane(true, 1, 1, 1, 20, 50.0, 5_000.0, 1_000.0, true,
            Duration.ofSeconds(20), 20_000);

    /** Long-running: mostly waiting (downstreams, timers), so room to start; one envelope per transaction. */
    static final PoolProperties.Lane LONG_RUNNING = new PoolProperties.Lane(true, 8, 1, 32, 1, 50.0, 5_000.0, 1_000.0, true,
            Duration.ofSeconds(30), 20_000);

    private LaneDefaults() {
    }

    public static PoolProperties.Lane of(String lane) {
        return switch (lane) {
            case "fast" -> FAST;
            case "heavy" -> HEAVY;
            case "long-running" -> LONG_RUNNING;
            default -> throw new IllegalArgumentException("No lane '" + lane + "': fast, heavy or long-running");
        };
    }

    /** Pure: each field configured wins, each left out comes from the defaults. */
    public static PoolProperties.Lane merge(PoolProperties.Lane defaults, PoolProperties.Lane configured) {
        if (configured == null) {
            return defaults;
        }
        return new PoolProperties.Lane(
                or(configured.enabled(), defaults.enabled()),
                or(configured.concurrency(), defaults.concurrency()),
                or(configured.minConcurrency(), defaults.minConcurrency()),
                or(configured.maxConcurrency(), defaults.maxConcurrency()),
                or(configured.maxBatch(), defaults.maxBatch()),
                or(configured.targetBatchMillis(), defaults.targetBatchMillis()),
                or(configured.p95HighMillis(), defaults.p95HighMillis()),
                or(configured.p95LowMillis(), defaults.p95LowMillis()),
                or(configured.processingEvents(), defaults.processingEvents()),
                or(configured.shutdownTimeout(), defaults.shutdownTimeout()),
                or(configured.maxBuffered(), defaults.maxBuffered()));
    }

    private static <T> T or(T configured, T otherwise) {
        return configured != null ? configured : otherwise;
    }
}
