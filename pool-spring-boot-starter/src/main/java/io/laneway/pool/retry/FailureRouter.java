package io.laneway.pool.retry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.laneway.contracts.LaneHeaders;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.pool.config.PoolTopics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.pool.deadletter.DeadLetterHeaders;
import io.laneway.pool.deadletter.DeadLetterPublisher;
import io.laneway.pool.engine.FailedRecordSink;
import io.laneway.pool.engine.LaneRecord;
import io.laneway.pool.processing.Attempt;
import io.laneway.contracts.lifecycle.LifecycleEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Decides what a failed envelope becomes ({@link RetryDecision}) and writes it there: a retry tier topic
 * with its due time and attempt count + 1 (the partition keeps flowing meanwhile), or the dead letters.
 */
public class FailureRouter implements FailedRecordSink {

    private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);

    private final FailureClassifier classifier;
    private final RetryBackoff backoff;
    private final RetryPolicies attempts;
    private final KafkaTemplate<String, byte[]> raw;
    private final KafkaTemplate<String, Object> avro;
    private final AvroRegistrySerializer<Envelope> serializer;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry meters;
    private final String lane;
    private final PoolTopics topics;
    private final SchemaRegistryClient registry;

    public FailureRouter(String lane, PoolTopics topics, FailureClassifier classifier, RetryBackoff backoff, RetryPolicies attempts,
                         KafkaTemplate<String, byte[]> raw, KafkaTemplate<String, Object> avro,
                         AvroRegistrySerializer<Envelope> serializer, DeadLetterPublisher deadLetters, MeterRegistry meters,
                         SchemaRegistryClient registry) {
        this.lane = lane;
        this.registry = registry;
        this.topics = topics;
        this.classifier = classifier;
        this.backoff = backoff;
        this.attempts = attempts;
        this.raw = raw;
        this.avro = avro;
        this.serializer = serializer;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @Override
    public void accept(LaneRecord record, Attempt attempt, Throwable error) {
        if (attempt == null) {
            deadLetters.publish(record, null, record.value(), error, "undecodable record", lane);
            return;
        }
        Envelope envelope = attempt.envelope();
        int current = envelope.getRouting().getAttempt();
        // the router stamps the catalog's max attempts on the envelope; the pool's own setting is the fallback
        Integer stamped = envelope.getRouting().getMaxAttempts();
        int maxAttempts = stamped != null && stamped > 0 ? stamped : attempts.maxAttempts(envelope.getType());
        RetryDecision decision = RetryDecision.decide(classifier.classify(error), current, maxAttempts, backoff,
                ThreadLocalRandom.current().nextDouble());
        switch (decision) {
            case RetryDecision.Retry retry -> retry(record, envelope, error, retry, attempt.handlerNanos());
            case RetryDecision.DeadLetter dead -> deadLetters.publish(record, envelope,
                    serializer.serialize(record.partition().topic(), envelope), error, dead.reason(), lane);
        }
    }

    private void retry(LaneRecord record, Envelope envelope, Throwable error, RetryDecision.Retry retry, long handlerNanos) {
        String returnTo = record.partition().topic();
        Envelope next = Envelope.newBuilder(envelope).build();
        next.getRouting().setAttempt(retry.nextAttempt());
        long dueAt = Instant.now().plus(retry.delay()).toEpochMilli();
        String tier = topics.retryTier(retry.delay());
        var out = new ProducerRecord<>(tier, null, record.key(), serializer.serialize(returnTo, next));
        out.headers().add(RetryHeaders.DUE_AT, String.valueOf(dueAt).getBytes(UTF_8));
        out.headers().add(RetryHeaders.RETURN_TO, returnTo.getBytes(UTF_8));
        Header firstFailed = record.headers().lastHeader(DeadLetterHeaders.FIRST_FAILED_AT);
        out.headers().add(DeadLetterHeaders.FIRST_FAILED_AT,
                firstFailed != null ? firstFailed.value() : String.valueOf(System.currentTimeMillis()).getBytes(UTF_8));
        out.headers().add(DeadLetterHeaders.TRACE_ID, envelope.getMetadata().getTraceId().getBytes(UTF_8));
        LaneHeaders.putType(out.headers(), envelope.getType()); // the forwarder copies headers back to the lane
        LaneHeaders.putMessageId(out.headers(), envelope.getId());
        try {
            raw.send(out).get(30, TimeUnit.SECONDS);
            avro.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.failed(envelope, MessageStatus.FAILED, error, handlerNanos, registry));
        } catch (Exception e) {
            throw new IllegalStateException("Retry of " + record.origin() + " not acknowledged", e);
        }
        meters.counter("laneway.pool.retries", "lane", lane, "type", envelope.getType(), "tier", tier).increment();
        log.info("Attempt {} of {} failed ({}); attempt {} in {} ms via {}", envelope.getRouting().getAttempt(), envelope.getId(),
                error.toString(), retry.nextAttempt(), retry.delay().toMillis(), tier);
    }
}
