package io.laneway.pool.deadletter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts dead letters per fingerprint in a sliding window; beyond {@code threshold} in the window the
 * fingerprint is a flood and its dead letters go to quarantine, so one broken deployment does not bury
 * every other dead letter. Time is passed in, so the rule is testable without waiting.
 */
public final class FloodDetector {

    private final int threshold;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> seen = new HashMap<>();

    public FloodDetector(int threshold, Duration window) {
        this.threshold = threshold;
        this.windowMillis = window.toMillis();
    }

    /** Records one dead letter and answers whether its fingerprint is flooding. */
    public synchronized boolean isFlood(String fingerprint, long nowMillis) {
        ArrayDeque<Long> times = seen.computeIfAbsent(fingerprint, f -> new ArrayDeque<>());
        times.addLast(nowMillis);
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
            times.pollFirst();
        }
        if (seen.size() > 10_000) {
            seen.values().removeIf(t -> t.isEmpty() || t.peekLast() <= nowMillis - windowMillis);
        }
        return times.size() > threshold;
    }
}
