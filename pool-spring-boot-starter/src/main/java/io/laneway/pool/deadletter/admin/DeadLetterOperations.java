package io.laneway.pool.deadletter.admin;

import io.laneway.registry.SchemaRegistryProperties;
import io.laneway.contracts.LaneHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.ConfluentWireFormat;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.contracts.serde.PayloadText;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.pool.deadletter.DeadLetter;
import io.laneway.pool.deadletter.DeadLetterRepository;
import io.laneway.pool.checkpoint.CheckpointStore;
import io.laneway.pool.config.PoolProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Replay and discard. A replay sends the envelope back to its lane with a fresh attempt budget (attempt 1);
 * its idempotency row was removed when it failed, so it runs once. Every action is audited.
 */
@Service
public class DeadLetterOperations {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final DeadLetterRepository deadLetters;
    private final DeadLetterAuditRepository audit;
    private final KafkaTemplate<String, byte[]> raw;
    private final AvroRegistryDeserializer<Envelope> deserializer = new AvroRegistryDeserializer<>();
    private final AvroRegistrySerializer<Envelope> serializer = new AvroRegistrySerializer<>();
    private final MeterRegistry meters;
    private final CheckpointStore checkpoints;
    private final TransactionTemplate transactions;
    /** Replays of one message after which the next is refused: a message that fails after every replay is not fixed. */
    private final int maxReplays;
    private final SchemaRegistryClient registry;

    public DeadLetterOperations(DeadLetterRepository deadLetters, DeadLetterAuditRepository audit,
                                @Qualifier("rawBytesKafkaTemplate") KafkaTemplate<String, byte[]> raw, MeterRegistry meters,
                                SchemaRegistryProperties registry, CheckpointStore checkpoints,
                                PlatformTransactionManager transactionManager,
                                PoolProperties properties) {
        this.maxReplays = properties.deadLetters().maxReplays();
        this.transactions = new TransactionTemplate(transactionManager);
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.raw = raw;
        this.meters = meters;
        this.registry = SchemaRegistryClient.forUrl(registry.url());
        deserializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry.url(), AvroRegistryDeserializer.SPECIFIC_READER, "true"), false);
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry.url()), false);
    }

    public DeadLetter get(long id) {
        return deadLetters.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No dead letter with id " + id + ". List them with GET /v1/dead-letters."));
    }

    /**
     * A letter's payload as people read it: plain values (JSON) whatever it travelled as, with how it travelled; why it
     * cannot be shown when the bytes are no envelope or the registry cannot describe them just now.
     */
    public record PayloadView(String format, Integer schemaId, Object json, String unreadable) {
    }

    /** What one letter holds, decoded once: its payload as people read it and the envelope's own headers. */
    public record Contents(PayloadView payload, Map<String, Object> headers) {
    }

    /** The letter's payload view and headers; when the bytes are no envelope, the view says why and the headers are empty. */
    public Contents contentsOf(DeadLetter letter) {
        Envelope envelope;
        try {
            envelope = envelopeOf(letter);
        } catch (RuntimeException e) {
            return new Contents(new PayloadView(null, null, null, "the dead letter's bytes are not a decodable envelope: "
                    + e.getMessage()), Map.of());
        }
        return new Contents(payloadOf(PayloadCodec.bytes(envelope.getPayload())), headersOf(envelope));
    }

    private PayloadView payloadOf(byte[] bytes) {
        boolean avro = PayloadCodec.isAvro(bytes);
        Integer schemaId = avro ? ConfluentWireFormat.schemaId(bytes) : null;
        try {
            return new PayloadView(avro ? "avro" : "json", schemaId, PayloadText.plain(bytes, registry), null);
        } catch (RuntimeException e) {
            return new PayloadView(avro ? "avro" : "json", schemaId, null, "the payload could not be decoded: " + e.getMessage());
        }
    }

    /** The envelope's own headers: who sent it, its keys, its routing. */
    private static Map<String, Object> headersOf(Envelope envelope) {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        headers.put("source", envelope.getMetadata().getSource());
        headers.put("acceptedAt", envelope.getMetadata().getTimestamp().toString());
        headers.put("traceId", envelope.getMetadata().getTraceId());
        headers.put("idempotencyKey", envelope.getMetadata().getIdempotencyKey());
        headers.put("correlationId", envelope.getMetadata().getCorrelationId());
        headers.put("priority", envelope.getPriority().name());
        headers.put("orderingKey", envelope.getOrderingKey());
        headers.put("lane", envelope.getRouting().getLane().name());
        headers.put("routedAt", envelope.getRouting().getRoutedAt() == null ? null : envelope.getRouting().getRoutedAt().toString());
        headers.put("attempt", envelope.getRouting().getAttempt());
        headers.put("maxAttempts", envelope.getRouting().getMaxAttempts());
        headers.put("deadline", envelope.getRouting().getDeadline() == null ? null : envelope.getRouting().getDeadline().toString());
        return headers;
    }

    private Envelope envelopeOf(DeadLetter letter) {
        return deserializer.deserialize(letter.getOriginalTopic(), letter.getEnvelope());
    }

    /** What a bulk replay did: the letters replayed, and those held back by the replay loop guard. */
    public record BulkReplay(List<Long> replayed, List<Long> held) {
    }

    @Transactional
    public DeadLetter replay(long id, String actor, String reason) {
        return replay(id, actor, reason, null);
    }

    /**
     * Sends the letter's envelope back to its lane with a fresh attempt budget. With {@code editedPayload}, the envelope
     * carries that payload instead: checked against the schema the original was written with (the type's, from the
     * registry) and encoded with it, so nothing that the handler could not read is ever sent.
     */
    @Transactional
    public DeadLetter replay(long id, String actor, String reason, JsonNode editedPayload) {
        DeadLetter letter = open(id, "replay");
        long replays = audit.countReplaysOfMessage(letter.getMessageId());
        if (replays >= maxReplays) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Message " + letter.getMessageId() + " was replayed " + replays
                    + " times and failed again each time (replay loop guard, laneway.pool.dead-letters.max-replays=" + maxReplays
                    + "): fix the cause, then discard this letter or raise the limit.");
        }
        Envelope envelope;
        try {
            envelope = envelopeOf(letter);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Dead letter " + id
                    + " holds bytes that are not a decodable envelope; it cannot be replayed, only discarded.");
        }
        if (editedPayload != null) {
            envelope.setPayload(ByteBuffer.wrap(EditedPayloads.encode(letter.getType(), PayloadCodec.bytes(envelope.getPayload()),
                    editedPayload, registry)));
        }
        envelope.getRouting().setAttempt(1);
        envelope.getRouting().setDeadline(deadlineOnReplay(envelope.getRouting().getRoutedAt(), envelope.getRouting().getDeadline(), Instant.now()));
        try {
            var record = new ProducerRecord<>(letter.getOriginalTopic(), envelope.getOrderingKey(),
                    serializer.serialize(letter.getOriginalTopic(), envelope));
            LaneHeaders.putType(record.headers(), envelope.getType());
            LaneHeaders.putMessageId(record.headers(), envelope.getId());
            raw.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not acknowledge the replay of "
                    + id + "; nothing changed, try again.");
        }
        letter.setStatus(DeadLetter.Status.REPLAYED);
        String audited = editedPayload == null ? reason : "payload edited to " + editedPayload + (reason == null ? "" : ": " + reason);
        audit.save(new DeadLetterAudit(id, "REPLAY", actor, audited));
        meters.counter("laneway.pool.dead_letters.replayed", "type", letter.getType()).increment();
        log.info("{} replayed dead letter {} ({}) to {}{}", actor, id, letter.getMessageId(), letter.getOriginalTopic(),
                editedPayload == null ? "" : " with an edited payload");
        return letter;
    }

    /**
     * A replay is a fresh start: the envelope gets its type's whole timeout again (its deadline stood that far from its
     * routing), or the pool would time it out before it ran.
     */
    static Instant deadlineOnReplay(Instant routedAt, Instant deadline, Instant now) {
        if (deadline == null || routedAt == null) {
            return deadline;
        }
        return now.plus(Duration.between(routedAt, deadline).abs());
    }

    /**
     * Closes the letter without processing it. Its envelope will not run again, so a checkpoint its long-running work
     * left behind is deleted with it ({@code job_checkpoint} holds unfinished work only); a replayed letter keeps its
     * checkpoint and resumes from it.
     */
    @Transactional
    public DeadLetter discard(long id, String actor, String reason) {
        DeadLetter letter = open(id, "discard");
        letter.setStatus(DeadLetter.Status.DISCARDED);
        checkpoints.forget(letter.getMessageId());
        audit.save(new DeadLetterAudit(id, "DISCARD", actor, reason));
        meters.counter("laneway.pool.dead_letters.discarded", "type", letter.getType()).increment();
        log.info("{} discarded dead letter {} ({}): {}", actor, id, letter.getMessageId(), reason);
        return letter;
    }

    /** Which OPEN letters a bulk replay picks: the filter's, oldest first, at most {@code limit}. */
    public record BulkFilter(String type, String lane, String fingerprint, String errorClass, Instant since, Instant until, int limit) {
    }

    /**
     * What a bulk replay would do, sending nothing: the letters it would replay, and those the replay loop guard would
     * hold back.
     */
    public BulkReplay dryRun(BulkFilter filter) {
        List<Long> wouldReplay = new java.util.ArrayList<>();
        List<Long> held = new java.util.ArrayList<>();
        for (DeadLetter letter : matching(filter)) {
            (audit.countReplaysOfMessage(letter.getMessageId()) >= maxReplays ? held : wouldReplay).add(letter.getId());
        }
        return new BulkReplay(wouldReplay, held);
    }

    /**
     * Replays every OPEN dead letter matching the filter, at most {@code ratePerSecond} a second (a redrive must not
     * flood a lane, or the downstream that failed them); each one audited; the loop guard's held back.
     */
    public BulkReplay replayMatching(BulkFilter filter, int ratePerSecond, String actor, String reason) {
        // each letter in a transaction of its own, through the template: a call to replay() from here would bypass its
        // @Transactional proxy, and the REPLAYED status would be lost while the audit row (its own save) was kept
        List<Long> replayed = new java.util.ArrayList<>();
        List<Long> held = new java.util.ArrayList<>();
        ReplayPacing pacing = new ReplayPacing(ratePerSecond, System::nanoTime);
        for (DeadLetter letter : matching(filter)) {
            pacing.awaitNextSlot();
            try {
                transactions.executeWithoutResult(status -> replay(letter.getId(), actor, reason, null));
                replayed.add(letter.getId());
            } catch (ResponseStatusException e) {
                if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                    throw e;
                }
                held.add(letter.getId()); // the loop guard (or a concurrent operator): left for a person to decide
            }
        }
        return new BulkReplay(replayed, held);
    }

    private List<DeadLetter> matching(BulkFilter filter) {
        return deadLetters.find(DeadLetter.Status.OPEN, filter.type(), filter.lane(), filter.fingerprint(), filter.errorClass(),
                null, filter.since(), filter.until(), PageRequest.of(0, filter.limit())).getContent();
    }

    private DeadLetter open(long id, String action) {
        DeadLetter letter = get(id);
        if (letter.getStatus() != DeadLetter.Status.OPEN) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Dead letter " + id + " is " + letter.getStatus()
                    + "; only OPEN dead letters can be " + (action.equals("replay") ? "replayed" : "discarded") + ".");
        }
        return letter;
    }
}
