package io.laneway.pool.ordering;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which offset of ONE partition may be committed while records finish out of order.
 *
 * <p>Records are tracked in the order the consumer returned them and completed in any order; the
 * committable offset is the one after the last record of the contiguous finished prefix. A crash
 * therefore redelivers only records at or after the first unfinished one (nothing lost, redelivery
 * bounded by what was in flight). Not thread-safe: the poll thread owns it.
 */
public final class OffsetTracker {

    private final ArrayDeque<long[]> pending = new ArrayDeque<>(); // {offset, done 0/1}, in poll order
    private final Map<Long, long[]> byOffset = new HashMap<>();
    private long committable = -1;

    public void track(long offset) {
        long[] entry = {offset, 0};
        pending.addLast(entry);
        byOffset.put(offset, entry);
    }

    /** Marks a record finished (processed, deduplicated, retried or dead-lettered: anything but lost). */
    public void complete(long offset) {
        long[] entry = byOffset.remove(offset);
        if (entry == null) {
            return; // completion of a record from before a rebalance: its partition was reset
        }
        entry[1] = 1;
        while (!pending.isEmpty() && pending.peekFirst()[1] == 1) {
            committable = pending.pollFirst()[0] + 1;
        }
    }

    /** The offset to commit (Kafka's convention: the next record to read), if anything finished. */
    public OptionalLong committable() {
        return committable < 0 ? OptionalLong.empty() : OptionalLong.of(committable);
    }

    /** Records tracked but not finished: queued or running. */
    public int unfinished() {
        return byOffset.size();
    }
}
