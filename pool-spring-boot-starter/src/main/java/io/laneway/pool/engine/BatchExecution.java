package io.laneway.pool.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.pool.concurrency.LaneLimit;
import io.laneway.pool.processing.Attempt;
import io.laneway.pool.processing.BatchProcessor;
import io.laneway.contracts.lifecycle.LifecycleEvents;
import io.laneway.pool.resilience.RegistryOutage;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What a worker does with one batch, outside the lane's lock: decode the records, run them in one
 * {@link BatchProcessor} call, then sort every record by its outcome. Processed and duplicate records are finished;
 * failed ones are finished once the retry/dead-letter sink has them; deferred ones (an open circuit, a lost lock race,
 * PostgreSQL away, a record the schema registry could not describe) go back to the head of their key. Meters, the adaptive limit's samples and the breakers hear of
 * every outcome here. {@link LanePool} then releases the keys and moves the offsets under its lock.
 */
final class BatchExecution {

    private static final Logger log = LoggerFactory.getLogger(BatchExecution.class);

    /** The records whose offsets may move on, and those to run again in key order. */
    record Result(List<LaneRecord> finished, List<LaneRecord> putBack) {
    }

    private final LaneSettings settings;
    private final Deserializer<Envelope> envelopes;
    private final BatchProcessor processor;
    private final FailedRecordSink failures;
    private final LaneBreakers breakers;
    private final KafkaTemplate<String, Object> lifecycle;
    private final LaneLimit limit;
    private final LaneMeters meters;
    private final BooleanSupplier takingWork;

    BatchExecution(LaneSettings settings, Deserializer<Envelope> envelopes, BatchProcessor processor, FailedRecordSink failures,
                   LaneBreakers breakers, KafkaTemplate<String, Object> lifecycle, LaneLimit limit, LaneMeters meters,
                   BooleanSupplier takingWork) {
        this.settings = settings;
        this.envelopes = envelopes;
        this.processor = processor;
        this.failures = failures;
        this.breakers = breakers;
        this.lifecycle = lifecycle;
        this.limit = limit;
        this.meters = meters;
        this.takingWork = takingWork;
    }

    Result execute(List<LaneRecord> records) {
        List<Attempt> attempts = new ArrayList<>(records.size());
        Map<Attempt, LaneRecord> recordOf = new HashMap<>();
        List<LaneRecord> finished = new ArrayList<>(records.size());
        List<LaneRecord> putBack = new ArrayList<>();
        boolean registryDown = false;
        for (LaneRecord record : records) {
            if (registryDown) { // each try waits out the registry client's timeouts: the rest of the batch waits with it
                putBack.add(record);
                continue;
            }
            Envelope envelope;
            try {
                envelope = envelopes.deserialize(record.partition().topic(), record.value());
                breakers.registryAnswered();
            } catch (RuntimeException e) {
                if (RegistryOutage.is(e)) { // valid work the registry could not describe yet: back to its key, lanes pause
                    breakers.registryUnreachable(e);
                    meters.registryUnreachable();
                    putBack.add(record);
                    registryDown = true;
                    continue;
                }
                if (deliverFailure(record, null, e)) { // cannot be decoded: dead letter with the original bytes
                    finished.add(record);
                }
                continue;
            }
            Attempt attempt = new Attempt(envelope, record.origin());
            attempts.add(attempt);
            recordOf.put(attempt, record);
            if (settings.processingEvents()) {
                lifecycle.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.of(envelope, MessageStatus.PROCESSING));
            }
        }
        if (!attempts.isEmpty()) {
            processor.process(attempts);
        }
        for (Attempt attempt : attempts) {
            LaneRecord record = recordOf.get(attempt);
            breakers.used(attempt.downstream());
            meters.count(attempt);
            switch (attempt.outcome()) {
                case PROCESSED -> {
                    meters.processed(attempt);
                    limit.recordSuccess(attempt.envelope().getType(), attempt.handlerNanos());
                    finished.add(record);
                    logOutcome(attempt, record);
                }
                case DUPLICATE -> {
                    finished.add(record);
                    logOutcome(attempt, record);
                }
                case FAILED -> {
                    meters.failed(attempt);
                    limit.recordFailure(attempt.envelope().getType(), attempt.handlerNanos());
                    if (deliverFailure(record, attempt, attempt.error())) {
                        finished.add(record);
                    }
                }
                case DEFERRED -> putBack.add(record);
            }
        }
        return new Result(finished, putBack);
    }

    /**
     * Hands a failure to the retry/dead-letter sink, insisting until it is written: a failure is never
     * dropped. Returns false only when shutting down first: the record stays unfinished and is redelivered.
     */
    private boolean deliverFailure(LaneRecord record, Attempt attempt, Throwable error) {
        long backoffMillis = 100;
        while (true) {
            try {
                failures.accept(record, attempt, error);
                return true;
            } catch (RuntimeException e) {
                if (!takingWork.getAsBoolean()) {
                    log.warn("lane {}: shutting down before failed {} was written; it will be redelivered", settings.name(),
                            record.origin());
                    return false;
                }
                log.warn("lane {}: cannot write failed {} to retry/dead letters yet ({}); trying again", settings.name(),
                        record.origin(), e.toString());
                try {
                    Thread.sleep(backoffMillis); // backing off from an unavailable broker
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            }
        }
    }

    private static void logOutcome(Attempt attempt, LaneRecord record) {
        if (log.isDebugEnabled()) {
            Envelope envelope = attempt.envelope();
            try (var m1 = MDC.putCloseable("messageId", envelope.getId());
                 var m2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
                log.debug("{} {} type={} from {}", attempt.outcome(), envelope.getId(), envelope.getType(), record.origin());
            }
        }
    }
}
