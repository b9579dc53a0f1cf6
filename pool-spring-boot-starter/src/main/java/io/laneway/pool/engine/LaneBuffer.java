package io.laneway.pool.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

import io.laneway.pool.concurrency.BatchSizing;
import io.laneway.pool.ordering.KeyedWorkQueue;
import io.laneway.pool.ordering.KeyedWorkQueue.Keyed;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a lane holds between its poll and its commit: waiting in key order ({@link KeyedWorkQueue}) or running
 * in a worker's batch. The poll thread adds, workers take and finish, the rebalance listener drops and waits; all of
 * it under one lock.
 *
 * <p>Idle workers are woken one at a time, not all at once: new work wakes one, and a worker that leaves ready work
 * behind wakes the next. A lane has up to a hundred workers (48 on the fast lane by default), and waking every idle one
 * on each poll and each finished batch made them all contend for this lock to find, mostly, nothing to take.
 */
final class LaneBuffer {

    private static final long IDLE_WAIT_MILLIS = 100;
    private static final long DRAIN_CHECK_MILLIS = 20;

    private final ReentrantLock lock = new ReentrantLock();
    /** Idle workers wait here for ready work. */
    private final Condition workReady = lock.newCondition();
    /** Draining callers wait here for running records to finish. */
    private final Condition changed = lock.newCondition();
    private final KeyedWorkQueue<LaneRecord> queue = new KeyedWorkQueue<>();
    private final Map<TopicPartition, Integer> runningByPartition = new HashMap<>();
    private int running;

    /** What a worker took: the batch, and whether ready work was left behind (more workers would have had some). */
    record Taken(List<Keyed<LaneRecord>> batch, boolean leftReady) {
    }

    /** What the poll thread decides fetching on: keys that could start now, and records held (waiting + running). */
    record Fill(int readyKeys, int held) {
    }

    void add(List<LaneRecord> arrived) {
        lock.lock();
        try {
            for (LaneRecord record : arrived) {
                queue.add(record.orderingKey(), record);
            }
            signalOneIfReady(); // that worker wakes the next if it leaves ready work behind
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a batch (see {@link KeyedWorkQueue#take(int, double, ToDoubleFunction, int)}) of at least this worker's
     * share of the ready records ({@link BatchSizing#backlogShare}), or, when nothing is ready or {@code hold} says
     * not to start work (an open circuit), waits up to 100 ms for a change and returns an empty batch, so the
     * caller re-checks whether it should still run.
     */
    Taken take(int max, double budget, ToDoubleFunction<LaneRecord> cost, int workers, BooleanSupplier hold) {
        lock.lock();
        try {
            if (!queue.hasReady() || hold.getAsBoolean()) {
                workReady.await(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                return new Taken(List.of(), false);
            }
            int share = BatchSizing.backlogShare(queue.readyKeys(), workers, max);
            List<Keyed<LaneRecord>> batch = queue.take(max, budget, cost, share);
            running += batch.size();
            for (var item : batch) {
                runningByPartition.merge(item.work().partition(), 1, Integer::sum);
            }
            signalOneIfReady();
            return new Taken(batch, queue.hasReady());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Taken(List.of(), false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A batch is over: its keys are free again, except those of {@code putBack} records, which go back to the head of
     * their key to run later (their downstream's circuit was open).
     */
    void finished(List<Keyed<LaneRecord>> batch, List<LaneRecord> putBack) {
        lock.lock();
        try {
            for (var item : batch) {
                if (!putBack.contains(item.work())) {
                    queue.release(item.key()); // finished, or left unfinished for redelivery
                }
            }
            for (LaneRecord record : putBack) {
                queue.putBack(record.orderingKey(), record);
            }
            for (var item : batch) {
                runningByPartition.merge(item.work().partition(), -1, Integer::sum);
            }
            running -= batch.size();
            // keys released here are taken by this worker's next take(), which wakes another if it leaves some
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the waiting (not running) records of these partitions: they moved to another consumer. */
    void dropWaiting(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            queue.removeWaiting(r -> partitions.contains(r.partition()));
        } finally {
            lock.unlock();
        }
    }

    /** Waits, at most {@code timeout}, until no record of these partitions is running. */
    void awaitIdle(Collection<TopicPartition> partitions, Duration timeout) {
        awaitWhile(() -> partitions.stream().anyMatch(tp -> runningByPartition.getOrDefault(tp, 0) > 0), timeout);
    }

    /** Waits, at most {@code timeout}, until nothing runs; returns how many records still run. */
    int awaitAllIdle(Duration timeout) {
        awaitWhile(() -> running > 0, timeout);
        return inFlight();
    }

    /** Wakes every waiting worker (shutdown: they re-check whether to go on). */
    void wakeAll() {
        lock.lock();
        try {
            workReady.signalAll();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes one idle worker if work is ready: a worker that leaves the gang passes on a wake-up it may have taken. */
    void wakeOneIfReady() {
        lock.lock();
        try {
            signalOneIfReady();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: wakes one idle worker if some key is ready to run. */
    private void signalOneIfReady() {
        if (queue.hasReady()) {
            workReady.signal();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    Fill fill() {
        lock.lock();
        try {
            return new Fill(queue.readyKeys(), queue.waiting() + running);
        } finally {
            lock.unlock();
        }
    }

    private void awaitWhile(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (condition.getAsBoolean() && System.nanoTime() < deadline) {
                changed.await(DRAIN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
