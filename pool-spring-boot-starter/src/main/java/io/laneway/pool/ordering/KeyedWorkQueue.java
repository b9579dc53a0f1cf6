package io.laneway.pool.ordering;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Work waiting to run, released so that items with the same ordering key run one at a time and in
 * arrival order, while items with different keys run in parallel.
 *
 * <p>A batch holds at most one item per key; the key's next item becomes ready only when the current one
 * is {@linkplain #release released}. Ready keys are served round-robin, so one hot key cannot starve the
 * others. Not thread-safe: callers hold one lock (the pool's).
 *
 * @param <W> a unit of work
 */
public final class KeyedWorkQueue<W> {

    private final Map<String, ArrayDeque<W>> waitingByKey = new HashMap<>();
    private final ArrayDeque<String> readyKeys = new ArrayDeque<>();
    private final Set<String> runningKeys = new HashSet<>();
    private int size;

    public void add(String key, W work) {
        ArrayDeque<W> waiting = waitingByKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        waiting.addLast(work);
        size++;
        if (waiting.size() == 1 && !runningKeys.contains(key)) {
            readyKeys.addLast(key);
        }
    }

    /** Takes up to {@code max} items, each of a different key that has nothing running. */
    public List<Keyed<W>> take(int max) {
        return take(max, Double.POSITIVE_INFINITY, work -> 0, 1);
    }

    /**
     * Takes ready items in turn while their summed {@code cost} stays within {@code budget}, at most {@code max}.
     * The first item is always taken (an item costlier than the budget runs alone). Up to {@code atLeast} items are
     * taken whatever their sum, as long as each alone fits the budget: a slow item never joins a shared batch. The
     * first item that is not taken ends the batch and stays at the head, so the turn order never changes.
     */
    public List<Keyed<W>> take(int max, double budget, ToDoubleFunction<W> cost, int atLeast) {
        List<Keyed<W>> batch = new ArrayList<>(Math.min(max, readyKeys.size()));
        double spent = 0;
        while (batch.size() < max && !readyKeys.isEmpty()) {
            String key = readyKeys.peekFirst();
            ArrayDeque<W> waiting = waitingByKey.get(key);
            double itemCost = cost.applyAsDouble(waiting.peekFirst());
            boolean withinShare = batch.size() < atLeast;
            if (!batch.isEmpty() && (withinShare ? itemCost > budget : spent + itemCost > budget)) {
                break;
            }
            spent += itemCost;
            readyKeys.pollFirst();
            W work = waiting.pollFirst();
            if (waiting.isEmpty()) {
                waitingByKey.remove(key);
            }
            size--;
            runningKeys.add(key);
            batch.add(new Keyed<>(key, work));
        }
        return batch;
    }

    /** The key's item finished: its next item (if any) becomes ready, behind the keys already waiting. */
    public void release(String key) {
        runningKeys.remove(key);
        if (waitingByKey.containsKey(key)) {
            readyKeys.addLast(key);
        }
    }

    /**
     * Puts an item that could not run (its downstream's circuit is open) back at the head of its key, so
     * order holds, and frees the key.
     */
    public void putBack(String key, W work) {
        runningKeys.remove(key);
        ArrayDeque<W> waiting = waitingByKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        waiting.addFirst(work);
        size++;
        readyKeys.addFirst(key); // it was running, so it was not among the ready keys
    }

    /** Drops waiting (not running) items matching the filter, e.g. of a revoked partition; returns how many. */
    public int removeWaiting(Predicate<W> filter) {
        int removed = 0;
        Iterator<Map.Entry<String, ArrayDeque<W>>> entries = waitingByKey.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, ArrayDeque<W>> entry = entries.next();
            int before = entry.getValue().size();
            entry.getValue().removeIf(filter);
            removed += before - entry.getValue().size();
            if (entry.getValue().isEmpty()) {
                entries.remove();
                readyKeys.remove(entry.getKey());
            }
        }
        size -= removed;
        return removed;
    }

    public int waiting() {
        return size;
    }

    /** Keys with an item that could start now: the parallelism the buffer offers. */
    public int readyKeys() {
        return readyKeys.size();
    }

    public boolean hasReady() {
        return !readyKeys.isEmpty();
    }

    public record Keyed<W>(String key, W work) {
    }
}
