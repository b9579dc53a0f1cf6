package io.laneway.pool.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerRegistry;
import io.laneway.pool.idempotency.ProcessedMessageRepository;
import io.laneway.pool.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Exactly-once effects for one envelope: ONE PostgreSQL transaction holds the idempotency claim, the
 * handler's effects and the outbox rows (here the COMPLETED lifecycle event). A redelivered envelope
 * finds its claim and does nothing.
 */
@Component
public class EnvelopeProcessor {

    public enum Outcome { PROCESSED, DUPLICATE }

    private final TransactionTemplate tx;
    private final ProcessedMessageRepository claims;
    private final HandlerRegistry handlers;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    public EnvelopeProcessor(TransactionTemplate tx, ProcessedMessageRepository claims, HandlerRegistry handlers,
                             OutboxWriter outbox, OutboxRelay relay, JdbcClient jdbc, ObjectMapper json, MeterRegistry meters) {
        this.tx = tx;
        this.claims = claims;
        this.handlers = handlers;
        this.outbox = outbox;
        this.relay = relay;
        this.jdbc = jdbc;
        this.json = json;
        this.meters = meters;
    }

    public Outcome process(Envelope envelope) {
        EnvelopeHandler<?> handler = handlers.find(envelope.getType())
                .orElseThrow(() -> new NonRetryableProcessingException("No handler registered for type '" + envelope.getType() + "'"));
        String lane = envelope.getRouting().getLane().name();
        Outcome outcome = tx.execute(status -> {
            if (claims.claim(envelope.getId(), envelope.getType()) == 0) {
                return Outcome.DUPLICATE;
            }
            long started = System.nanoTime();
            invoke(handler, envelope);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            meters.timer("laneway.pool.handler.duration", "lane", lane, "type", envelope.getType()).record(took);
            outbox.write(Topics.LIFECYCLE, envelope.getId(), completed(envelope, took), envelope.getMetadata().getTraceId());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
            return Outcome.PROCESSED;
        });
        meters.counter("laneway.pool.envelopes", "lane", lane, "type", envelope.getType(),
                "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private <P> void invoke(EnvelopeHandler<P> handler, Envelope envelope) {
        P payload;
        try {
            payload = json.readValue(envelope.getPayload().array(), handler.payloadType());
        } catch (JacksonException e) {
            throw new NonRetryableProcessingException("Payload of " + envelope.getId() + " does not match "
                    + handler.payloadType().getSimpleName() + ": " + e.getOriginalMessage());
        }
        try {
            handler.handle(payload, new TransactionalHandlerContext(envelope, jdbc, outbox));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailedException(envelope, e);
        }
    }

    private static LifecycleEvent completed(Envelope envelope, Duration took) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(envelope.getId())
                .setStatus(MessageStatus.COMPLETED)
                .setType(envelope.getType())
                .setLane(envelope.getRouting().getLane())
                .setOccurredAt(Instant.now())
                .setAttempt(envelope.getRouting().getAttempt())
                .setDurationMillis(took.toMillis())
                .setTraceId(envelope.getMetadata().getTraceId())
                .build();
    }
}
