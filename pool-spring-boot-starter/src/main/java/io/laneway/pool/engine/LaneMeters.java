package io.laneway.pool.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.concurrency.LaneLimit;
import io.laneway.pool.processing.Attempt;
import io.laneway.pool.processing.Errors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * What one lane's pool reports, all tagged {@code lane}: envelopes by type and outcome, errors by type and root
 * cause, handler time, end-to-end latency, and gauges of its limit, batch size, in-flight work, buffer, workers
 * and expected handler time per type.
 */
final class LaneMeters {

    private final String lane;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Timer handlerTime;
    private final Timer endToEnd;
    private final LaneLimit limit;
    private final MultiGauge expectedTimes;
    private int expectedTypes;

    LaneMeters(String lane, MeterRegistry meters, LaneLimit limit, LanePool pool, AtomicInteger workers) {
        this.lane = lane;
        this.meters = meters;
        Tags tags = Tags.of("lane", lane);
        this.handlerTime = Timer.builder("laneway.pool.handler.duration").tags(tags).publishPercentileHistogram()
                .description("Handler time per envelope").register(meters);
        this.endToEnd = Timer.builder("laneway.pool.end_to_end").tags(tags).publishPercentileHistogram()
                .description("From the router routing an envelope to its effects committed (first attempts only)").register(meters);
        meters.gauge("laneway.pool.concurrency.limit", tags, limit, LaneLimit::limit);
        meters.gauge("laneway.pool.batch.size", tags, limit, LaneLimit::batchSize);
        meters.gauge("laneway.pool.in_flight", tags, pool, LanePool::inFlight);
        meters.gauge("laneway.pool.buffered", tags, pool, LanePool::buffered);
        meters.gauge("laneway.pool.workers", tags, workers, AtomicInteger::get);
        this.limit = limit;
        this.expectedTimes = MultiGauge.builder("laneway.pool.handler.expected").tags(tags).baseUnit("milliseconds")
                .description("Moving average of handler time per envelope type: what a batch's time budget counts")
                .register(meters);
    }

    /**
     * Adds a {@code laneway.pool.handler.expected{lane,type}} gauge for each type learned since the last call. Called
     * once per adjustment interval, never per envelope; at most 1,000 types per lane (see HandlerTimes).
     */
    void refreshExpectedTimes() {
        Set<String> types = limit.knownTypes();
        if (types.size() == expectedTypes) {
            return; // types are only ever added
        }
        expectedTypes = types.size();
        expectedTimes.register(types.stream().map(type -> MultiGauge.Row.of(Tags.of("type", type), limit,
                l -> l.typicalMillis(type))).toList(), true);
    }

    /** Envelopes by lane, type and outcome; counters cached per (type, outcome) to keep the hot path cheap. */
    void count(Attempt attempt) {
        String type = attempt.envelope().getType();
        String outcome = attempt.outcome().name().toLowerCase();
        outcomes.computeIfAbsent(type + '\n' + outcome, k -> Counter.builder("laneway.pool.envelopes")
                .tags("lane", lane, "type", type, "outcome", outcome).register(meters)).increment();
    }

    void processed(Attempt attempt) {
        handlerTime.record(attempt.handlerNanos(), TimeUnit.NANOSECONDS);
        recordEndToEnd(attempt.envelope());
    }

    void failed(Attempt attempt) {
        meters.counter("laneway.pool.errors", "lane", lane, "type", attempt.envelope().getType(),
                "error", Errors.root(attempt.error()).getClass().getSimpleName()).increment();
    }

    /** A record put back because the schema registry could not describe it (not counted as a failure of the envelope). */
    void registryUnreachable() {
        meters.counter("laneway.pool.registry.unreachable", "lane", lane).increment();
    }

    /** Retries carry their first routing time, so their (intended) delays would swamp the lane's latency: left out. */
    private void recordEndToEnd(Envelope envelope) {
        if (envelope.getRouting().getAttempt() <= 1) {
            long millis = System.currentTimeMillis() - envelope.getRouting().getRoutedAt().toEpochMilli();
            endToEnd.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
        }
    }
}
