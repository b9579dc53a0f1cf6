package io.laneway.pool.deadletter;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.registry.SchemaRegistryProperties;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.LaneHeaders;
import io.laneway.contracts.Topics;
import io.laneway.pool.config.PoolTopics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.pool.engine.LaneRecord;
import io.laneway.pool.processing.Errors;
import io.laneway.contracts.lifecycle.LifecycleEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a dead letter with everything an operator needs to understand and replay it: the envelope's
 * bytes and, in headers, error class, message and stack, attempts, original topic/partition/offset, lane,
 * type, trace id, first and last failure times and the error fingerprint. A flooding fingerprint goes to
 * the quarantine topic instead. Returns only after the broker acknowledged (the caller then commits).
 */
@Component
public class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<String, byte[]> raw;
    private final KafkaTemplate<String, Object> avro;
    private final FloodDetector floods;
    private final MeterRegistry meters;
    private final PoolTopics topics;
    private final SchemaRegistryClient registry;

    public DeadLetterPublisher(@Qualifier("rawBytesKafkaTemplate") KafkaTemplate<String, byte[]> raw,
                               KafkaTemplate<String, Object> avro, FloodDetector floods, MeterRegistry meters, PoolTopics topics,
                               SchemaRegistryProperties registry) {
        this.raw = raw;
        this.registry = SchemaRegistryClient.forUrl(registry.url());
        this.topics = topics;
        this.avro = avro;
        this.floods = floods;
        this.meters = meters;
    }

    /**
     * @param envelope null when the bytes could not be decoded
     * @param value    the bytes to keep (the envelope as it was last attempted)
     */
    public void publish(LaneRecord record, Envelope envelope, byte[] value, Throwable error, String reason, String lane) {
        Throwable root = Errors.root(error);
        String type = envelope != null ? envelope.getType() : "(undecodable)";
        // a record whose bytes cannot be decoded is still named by its headers (the router sets both)
        String headerId = envelope == null ? LaneHeaders.messageId(record.headers()) : null;
        String fingerprint = Fingerprint.of(type, root.getClass().getName(), root.getMessage());
        boolean flood = floods.isFlood(fingerprint, System.currentTimeMillis());
        String topic = flood ? topics.quarantine() : topics.deadLetters();
        var out = new ProducerRecord<>(topic, null, record.key(), value);
        Headers h = out.headers();
        copy(record.headers(), h, DeadLetterHeaders.FIRST_FAILED_AT, String.valueOf(System.currentTimeMillis()));
        copy(record.headers(), h, DeadLetterHeaders.TRACE_ID, envelope != null ? envelope.getMetadata().getTraceId() : "");
        put(h, DeadLetterHeaders.ERROR_CLASS, root.getClass().getName());
        put(h, DeadLetterHeaders.ERROR_MESSAGE, String.valueOf(root.getMessage()));
        put(h, DeadLetterHeaders.ERROR_STACK, Errors.stackTrace(error, 8_000));
        put(h, DeadLetterHeaders.REASON, reason);
        put(h, DeadLetterHeaders.ATTEMPTS, String.valueOf(envelope != null ? envelope.getRouting().getAttempt() : 1));
        put(h, DeadLetterHeaders.ORIGINAL_TOPIC, record.partition().topic());
        put(h, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(record.partition().partition()));
        put(h, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(record.offset()));
        put(h, DeadLetterHeaders.LANE, lane);
        put(h, DeadLetterHeaders.TYPE, type);
        put(h, DeadLetterHeaders.MESSAGE_ID, envelope != null ? envelope.getId() : headerId != null ? headerId : record.origin());
        put(h, DeadLetterHeaders.FINGERPRINT, fingerprint);
        put(h, DeadLetterHeaders.DEAD_LETTERED_AT, String.valueOf(Instant.now().toEpochMilli()));
        try {
            raw.send(out).get(30, TimeUnit.SECONDS);
            if (envelope != null) {
                avro.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.failed(envelope, MessageStatus.DEAD_LETTERED, error, 0, registry))
                        .get(30, TimeUnit.SECONDS);
            } else if (headerId != null) {
                avro.send(Topics.LIFECYCLE, headerId, LifecycleEvents.undecodable(headerId, LaneHeaders.type(record.headers()),
                        Topics.laneNamed(lane).orElse(null), error)).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Dead letter for " + record.origin() + " not acknowledged", e);
        }
        meters.counter("laneway.pool.dead_lettered", "lane", lane, "type", type, "quarantined", String.valueOf(flood)).increment();
        log.warn("Dead-lettered {} ({}) type={} to {}: {} [{}]", envelope != null ? envelope.getId() : "?", record.origin(), type,
                topic, Errors.summary(error), reason);
    }

    private static void copy(Headers from, Headers to, String name, String otherwise) {
        Header existing = from.lastHeader(name);
        to.add(name, existing != null ? existing.value() : otherwise.getBytes(UTF_8));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(UTF_8));
    }
}
