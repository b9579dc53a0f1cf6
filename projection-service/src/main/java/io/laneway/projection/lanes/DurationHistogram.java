package io.laneway.projection.lanes;

import java.util.ArrayList;
import java.util.List;

/**
 * Handler durations as counts in logarithmic buckets: bucket {@code i} holds durations up to
 * {@code 2^(i/4)} ms, so a reported percentile is at most ~19% above the true one. Chosen over keeping
 * samples or a t-digest because bucket counts add up: the per-partition statistics of several instances
 * merge by summing, and a lane-minute costs a few dozen longs. (HdrHistogram would also merge, but its
 * serialised form is opaque in an Avro read model.) Pure functions over {@code List<Long>}.
 */
public final class DurationHistogram {

    private static final int BUCKETS_PER_DOUBLING = 4;
    private static final int MAX_BUCKET = BUCKETS_PER_DOUBLING * 32;

    private DurationHistogram() {
    }

    static int bucketOf(long millis) {
        if (millis <= 1) {
            return 0;
        }
        int bucket = (int) Math.ceil(BUCKETS_PER_DOUBLING * Math.log(millis) / Math.log(2));
        if (bucket > 0 && upperBoundMillis(bucket - 1) >= millis) {
            bucket--; // floating point put an exact bound (a power of two) one bucket too high
        }
        return Math.min(bucket, MAX_BUCKET);
    }

    static long upperBoundMillis(int bucket) {
        return (long) Math.ceil(Math.pow(2, (double) bucket / BUCKETS_PER_DOUBLING));
    }

    /** A copy of {@code buckets} with one more duration counted. */
    public static List<Long> record(List<Long> buckets, long millis) {
        int bucket = bucketOf(millis);
        List<Long> out = new ArrayList<>(buckets);
        while (out.size() <= bucket) {
            out.add(0L);
        }
        out.set(bucket, out.get(bucket) + 1);
        return out;
    }

    /** Bucket-wise sum (the histograms of two partitions or instances as one). */
    public static List<Long> merge(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a.size() >= b.size() ? a : b);
        List<Long> other = a.size() >= b.size() ? b : a;
        for (int i = 0; i < other.size(); i++) {
            out.set(i, out.get(i) + other.get(i));
        }
        return out;
    }

    /** The duration at or below which {@code quantile} of the recorded durations fall; null when empty. */
    public static Long percentile(List<Long> buckets, double quantile) {
        long total = buckets.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < buckets.size(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return upperBoundMillis(i);
            }
        }
        return upperBoundMillis(buckets.size() - 1);
    }
}
