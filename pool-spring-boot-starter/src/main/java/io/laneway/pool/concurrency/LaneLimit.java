package io.laneway.pool.concurrency;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A lane's live concurrency limit and batch size, and the interval statistics they are decided from.
 * Workers record each envelope's handler time and outcome; {@link #adjust} (once per interval) turns the
 * interval into {@link LaneSignals} and asks the policy for the next limit.
 */
public final class LaneLimit {

    private final ConcurrencyPolicy policy;
    private final int maxBatch;
    private final double targetBatchMillis;
    private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toNanos(30), 2);
    private final AtomicLong failures = new AtomicLong();
    private final HandlerTimes handlerTimes = new HandlerTimes();
    private Histogram interval;
    private volatile int limit;
    private volatile int batchSize;
    private volatile LaneSignals lastSignals = new LaneSignals(-1, 0, 0, 0, 0, false);
    private long lastAdjustNanos = System.nanoTime();

    public LaneLimit(ConcurrencyPolicy policy, int initialLimit, int maxBatch, double targetBatchMillis) {
        this.policy = policy;
        this.limit = initialLimit;
        this.maxBatch = maxBatch;
        this.targetBatchMillis = targetBatchMillis;
        this.batchSize = 1;
    }

    public void recordSuccess(String type, long handlerNanos) {
        latencies.recordValue(Math.max(1, handlerNanos));
        handlerTimes.record(type, handlerNanos);
    }

    public void recordFailure(String type, long handlerNanos) {
        latencies.recordValue(Math.max(1, handlerNanos));
        handlerTimes.record(type, handlerNanos);
        failures.incrementAndGet();
    }

    /**
     * What one envelope of {@code type} costs of a batch's time budget ({@link #targetBatchMillis()}): its type's
     * usual handler time, or, for a type not seen yet (or a record without its type header), the lane's share
     * (target / the batch size the lane's p50 gives). A lane of one type therefore batches as it did before types
     * were known; in a mixed lane a slow type runs alone and quick ones share a transaction.
     */
    public double expectedMillis(String type) {
        double typical = handlerTimes.typicalMillis(type);
        return Double.isNaN(typical) ? targetBatchMillis / batchSize : typical;
    }

    /** The envelope types whose handler time this lane has learned (see {@link #typicalMillis}). */
    public Set<String> knownTypes() {
        return handlerTimes.types();
    }

    /** The type's moving average of handler time in milliseconds, or NaN before its first envelope finished. */
    public double typicalMillis(String type) {
        return handlerTimes.typicalMillis(type);
    }

    public double targetBatchMillis() {
        return targetBatchMillis;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Called by one scheduler thread once per interval. */
    public synchronized LaneSignals adjust(double cpu, boolean saturated) {
        interval = latencies.getIntervalHistogram(interval);
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAdjustNanos) / 1e9);
        lastAdjustNanos = now;
        long finished = interval.getTotalCount();
        long failed = failures.getAndSet(0);
        double p95 = finished == 0 ? 0 : interval.getValueAtPercentile(95) / 1e6;
        double p50 = finished == 0 ? 0 : interval.getValueAtPercentile(50) / 1e6;
        LaneSignals signals = new LaneSignals(cpu, finished == 0 ? 0 : (double) failed / finished, p95, finished,
                finished / seconds, saturated);
        limit = policy.next(limit, signals);
        if (finished > 0) {
            batchSize = BatchSizing.next(p50, targetBatchMillis, maxBatch);
        }
        lastSignals = signals;
        return signals;
    }

    public int limit() {
        return limit;
    }

    public int batchSize() {
        return batchSize;
    }

    public LaneSignals lastSignals() {
        return lastSignals;
    }
}
