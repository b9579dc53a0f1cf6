package io.laneway.pool.concurrency;

/**
 * How many envelopes of the lane's typical handler time fill one transaction. Handlers of a batch run one after
 * another on one connection, so a batch should hold about {@code targetBatchMillis} of handler time: large
 * batches for quick handlers (fewer commits, the PostgreSQL ceiling), single envelopes for slow ones (no
 * envelope waits behind a slow neighbour). Batches themselves are cut by each record's type
 * ({@link LaneLimit#expectedMillis}); this lane-wide size prices records of unknown type and bounds the fetch.
 * Pure.
 */
public final class BatchSizing {

    private BatchSizing() {
    }

    public static int next(double typicalHandlerMillis, double targetBatchMillis, int maxBatch) {
        if (typicalHandlerMillis <= 0) {
            return maxBatch;
        }
        int size = (int) Math.floor(targetBatchMillis / typicalHandlerMillis);
        return Math.max(1, Math.min(maxBatch, size));
    }

    /**
     * How many records a worker takes at least, whatever their summed expected time (each must still fit the
     * budget alone, so slow records keep running alone): its even share of the records that could start now
     * ({@code readyKeys / workers}, rounded up), within {@code maxBatch}. One while the workers keep up, so the time
     * budget alone cuts batches and latency stays low. When ready work outnumbers the workers, every
     * record waits for a worker anyway; taking a share now costs it nothing, and the lane commits fewer, larger
     * transactions exactly when its CPU is scarce: under contention handlers' wall times grow, and a time budget alone
     * would shrink batches to one record, each paying a whole transaction (benchmarks/results/design-notes.md#backlog-share).
     */
    public static int backlogShare(int readyKeys, int workers, int maxBatch) {
        if (readyKeys <= 0 || workers <= 0) {
            return 1;
        }
        int share = (readyKeys + workers - 1) / workers;
        return Math.max(1, Math.min(maxBatch, share));
    }
}
