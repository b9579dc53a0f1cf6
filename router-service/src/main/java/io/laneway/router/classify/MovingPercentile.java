package io.laneway.router.classify;

import java.util.Arrays;

/**
 * The p-th percentile of the last {@code capacity} samples (a ring buffer). Small and exact: a type's
 * recent durations fit in a few hundred longs, and a sliding window forgets old behaviour, which is the
 * point (a type that became slow must move lanes; one that got fast again must move back).
 */
public final class MovingPercentile {

    private final long[] samples;
    private int next;
    private int size;

    public MovingPercentile(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void add(long value) {
        samples[next] = value;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    public synchronized int size() {
        return size;
    }

    /** Nearest-rank percentile, e.g. {@code percentile(0.95)}; 0 when empty. */
    public synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
