package io.laneway.pool.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.laneway.pool.ordering.OffsetTracker;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A lane's offset bookkeeping: one {@link OffsetTracker} per assigned partition, completions handed over by the
 * workers, and what was last committed (so an unchanged offset is not committed again). The poll thread owns
 * everything here except {@link #completed}, which any worker may call.
 */
final class PartitionOffsets {

    private final ConcurrentLinkedQueue<LaneRecord> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void track(TopicPartition partition, long offset) {
        trackers.computeIfAbsent(partition, p -> new OffsetTracker()).track(offset);
    }

    /** From any thread: these records are finished. */
    void completed(Collection<LaneRecord> records) {
        completions.addAll(records);
    }

    /** Poll thread: moves the workers' completions into the trackers. */
    void applyCompletions() {
        LaneRecord done;
        while ((done = completions.poll()) != null) {
            OffsetTracker tracker = trackers.get(done.partition());
            if (tracker != null) {
                tracker.complete(done.offset()); // no tracker: the partition moved away meanwhile
            }
        }
    }

    /** Offsets worth committing for these partitions (advanced since the last commit). */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetTracker tracker = trackers.get(tp);
            if (tracker == null) {
                continue;
            }
            tracker.committable().ifPresent(offset -> {
                if (!Long.valueOf(offset).equals(committed.get(tp))) {
                    offsets.put(tp, new OffsetAndMetadata(offset));
                }
            });
        }
        return offsets;
    }

    Map<TopicPartition, OffsetAndMetadata> committable() {
        return committable(trackers.keySet());
    }

    /** Poll thread: no completion waits to be applied, and every offset they moved has been committed. */
    boolean settled() {
        return completions.isEmpty() && committable().isEmpty();
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            trackers.remove(tp);
            committed.remove(tp);
        });
    }
}
