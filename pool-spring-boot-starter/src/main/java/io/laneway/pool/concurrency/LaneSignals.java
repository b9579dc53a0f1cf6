package io.laneway.pool.concurrency;

/**
 * What the pool observed over the last sampling interval.
 *
 * @param cpu        CPU load of the pool process over the CPUs it may use, 0..1 (negative if unknown)
 * @param errorRate  failed / finished envelopes, 0..1
 * @param p95Millis  95th percentile of handler latency
 * @param finished   envelopes finished in the interval (no decision is taken on too few)
 * @param throughput envelopes per second in the interval
 * @param saturated  whether work was waiting for a free slot (growing is pointless when idle)
 */
public record LaneSignals(double cpu, double errorRate, double p95Millis, long finished, double throughput,
                          boolean saturated) {
}
