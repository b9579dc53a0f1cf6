package io.laneway.pool.engine;

import java.time.Duration;

import io.laneway.contracts.envelope.Lane;
import io.laneway.pool.concurrency.ConcurrencyPolicy;

/**
 * How one lane's pool runs.
 *
 * @param initialConcurrency workers (each with one transaction at a time) at start
 * @param maxBatch           most envelopes in one transaction
 * @param targetBatchMillis  handler time a batch should hold; the batch size follows it
 * @param instanceId         static group membership ({@code group.instance.id}); null for dynamic
 * @param processingEvents   publish a PROCESSING lifecycle event when an envelope starts (costly on the fast lane)
 * @param maxBuffered        most records held between poll and completion (memory bound)
 */
public record LaneSettings(Lane lane, String topic, String groupId, int initialConcurrency, ConcurrencyPolicy policy,
                           int maxBatch, double targetBatchMillis, String instanceId, boolean processingEvents,
                           Duration shutdownTimeout, Duration commitInterval, int maxBuffered) {

    public String name() {
        return lane.name().toLowerCase().replace('_', '-');
    }
}
