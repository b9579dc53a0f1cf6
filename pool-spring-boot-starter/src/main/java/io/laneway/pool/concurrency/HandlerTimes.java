package io.laneway.pool.concurrency;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a lane's handlers usually take, per envelope type: a moving average of handler time in which each
 * new envelope weighs {@value #WEIGHT}, so an estimate follows a change within a few dozen envelopes. The batcher
 * reads it for every record it takes; every worker writes it. Two workers racing on one type can lose one
 * sample, which an average of this kind does not notice, so no lock is taken.
 */
public final class HandlerTimes {

    static final double WEIGHT = 0.1;
    /** Types come from clients: past this many, new ones are not tracked (they are sized by the lane's average). */
    static final int MAX_TYPES = 1_000;

    private final ConcurrentHashMap<String, Average> byType = new ConcurrentHashMap<>();

    public void record(String type, long handlerNanos) {
        Average average = byType.get(type);
        if (average == null) {
            if (byType.size() >= MAX_TYPES) {
                return;
            }
            average = byType.computeIfAbsent(type, t -> new Average());
        }
        average.millis = next(average.millis, handlerNanos / 1e6);
    }

    /** The type's usual handler time in milliseconds, or NaN before its first envelope finished. */
    public double typicalMillis(String type) {
        Average average = type == null ? null : byType.get(type);
        return average == null ? Double.NaN : average.millis;
    }

    /** The types tracked so far (a copy): what the lane's gauges show. */
    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /** The next average after one sample; the first sample is the average. Pure. */
    static double next(double average, double sampleMillis) {
        return Double.isNaN(average) ? sampleMillis : average + WEIGHT * (sampleMillis - average);
    }

    private static final class Average {
        volatile double millis = Double.NaN;
    }
}
