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
}
