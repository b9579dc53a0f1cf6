package io.laneway.router.publish;

import io.laneway.router.config.RouterProperties;
import io.laneway.contracts.LaneHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.router.catalog.Catalog;
import io.laneway.contracts.lifecycle.LifecycleEvents;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes an envelope to its lane topic and waits (bounded) for the broker's acknowledgement: the caller
 * gets 202 only for a message that is durably in Kafka, and a 503 instead of a hang when Kafka is away.
 */
@Component
public class EnvelopePublisher {

    private static final Logger log = LoggerFactory.getLogger(EnvelopePublisher.class);

    private final KafkaTemplate<String, Object> kafka;
    private final KafkaTemplate<String, Object> lifecycle;
    private final Catalog catalog;

    public EnvelopePublisher(KafkaTemplate<String, Object> kafka, LifecycleProducer lifecycle,
                             RouterProperties router, Catalog catalog) {
        this.kafka = kafka;
        this.catalog = catalog;
        this.lifecycle = lifecycle.template();
        AckBounds.requireDeliveryEndsBeforeAckWait(
                kafka.getProducerFactory().getConfigurationProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), router.kafkaAckTimeout());
    }

    /** Writes and waits for the broker's acknowledgement (bounded). */
    public void publish(Envelope envelope) {
        await(send(envelope));
        announceRouted(envelope);
    }

    /** Starts the write; {@link #await} it. Lets a batch put all its records in flight before waiting. */
    public CompletableFuture<?> send(Envelope envelope) {
        // a team service's type goes to its own lanes (its catalog entry's namespace), the platform's to laneway.lane.*
        Lane lane = envelope.getRouting().getLane();
        String topic = catalog.find(envelope.getType()).map(spec -> spec.laneTopic(lane)).orElseGet(() -> Topics.laneTopic(lane));
        var record = new ProducerRecord<String, Object>(topic, envelope.getOrderingKey(), envelope);
        record.headers().add("traceparent", traceparent(envelope.getMetadata().getTraceId()));
        LaneHeaders.putType(record.headers(), envelope.getType());
        LaneHeaders.putMessageId(record.headers(), envelope.getId());
        CompletableFuture<?> written;
        try {
            written = kafka.send(record);
        } catch (RuntimeException e) { // metadata unavailable within max.block.ms
            throw new KafkaUnavailableException("Kafka did not accept the write: " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * After the envelope's ack: the ROUTED lifecycle event, sent but not awaited (informational; the pool's
     * COMPLETED supersedes it). Called on the request thread, never from a producer callback, so the
     * producer's I/O thread never serializes.
     */
    public void announceRouted(Envelope envelope) {
        lifecycle.send(Topics.LIFECYCLE, envelope.getId(), LifecycleEvents.routed(envelope))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        log.warn("ROUTED lifecycle event for {} not written: {}", envelope.getId(), error.toString());
                    }
                });
    }

    /**
     * Waits for the broker's answer. The wait is bounded by the producer, not by a timer here: it fails every record it
     * could not deliver within its {@code delivery.timeout.ms}, which {@link AckBounds} requires to end before the ack
     * timeout. A timed wait on a virtual thread arms a timer per request (the JDK's delay scheduler, a wake-up of its
     * thread each time), a few percent of the router's CPU per request in its profile (benchmarks/results/router-cpu.md).
     */
    public void await(CompletableFuture<?> written) {
        try {
            written.get();
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the write: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
        }
    }

    /** W3C trace context: version 00, the envelope's trace id, a fresh span id, sampled. */
    private static byte[] traceparent(String traceId) {
        String spanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.US_ASCII);
    }
}
