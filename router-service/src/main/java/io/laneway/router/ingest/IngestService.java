package io.laneway.router.ingest;

import io.laneway.router.rejection.InvalidRequestException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.router.backpressure.Backpressure;
import io.laneway.router.classify.LaneRouter;
import io.laneway.router.catalog.Catalog;
import io.laneway.router.classify.TypeCatalog;
import io.laneway.router.dedupe.IngestIdempotency;
import io.laneway.router.dedupe.IngestIdempotency.OriginalAnswer;
import io.laneway.router.dedupe.RequestHash;
import io.laneway.router.payload.PayloadSchemas;
import io.laneway.router.publish.AcceptedMessages;
import io.laneway.router.publish.EnvelopePublisher;
import io.laneway.router.ratelimit.ClientRateLimiter;
import io.laneway.router.security.ClientPermissions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Accepting one message, in the order that guarantees a refused request writes nothing:
 * rate limit -> catalog, client permission, payload schema and priority -> classify -> backpressure -> deduplicate -> write to Kafka.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** What the caller is told: the message id, its lane, and whether this was a replay of an earlier accept. */
    public record Accepted(String id, Lane lane, boolean replayed, boolean keyRecorded) {
        Accepted(String id, Lane lane, boolean replayed) {
            this(id, lane, replayed, true);
        }
    }

    /** A batch item whose write is in flight ({@code envelope} set) or already settled ({@code done} set). */
    public record Pending(Accepted done, Envelope envelope, CompletableFuture<?> write) {
    }

    private final Catalog catalog;
    private final LaneRouter router;
    private final EnvelopePublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ClientRateLimiter rateLimiter;
    private final Backpressure backpressure;
    private final IngestIdempotency idempotency;
    private final ClientPermissions permissions;
    private final PayloadSchemas payloads;
    private final Clock clock = Clock.systemUTC();
    private final Map<Lane, Timer> latencyByLane = new ConcurrentHashMap<>();
    private final AcceptedMessages accepted;

    public IngestService(Catalog catalog, LaneRouter router, EnvelopePublisher publisher, ObjectMapper json,
                         MeterRegistry meters, ClientRateLimiter rateLimiter, Backpressure backpressure,
                         IngestIdempotency idempotency, ClientPermissions permissions, PayloadSchemas payloads,
                         AcceptedMessages accepted) {
        this.accepted = accepted;
        this.payloads = payloads;
        this.permissions = permissions;
        this.catalog = catalog;
        this.router = router;
        this.publisher = publisher;
        this.json = json;
        this.meters = meters;
        this.rateLimiter = rateLimiter;
        this.backpressure = backpressure;
        this.idempotency = idempotency;
    }

    /** Accepts one message and waits for Kafka's acknowledgement. */
    public Accepted accept(PublishRequest request, String client, String traceparent) {
        rateLimiter.acquire(client, 1);
        Envelope envelope = prepare(request, client, traceparent);
        long started = System.nanoTime();
        try (var m1 = MDC.putCloseable("messageId", envelope.getId());
             var m2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
            Lane lane = envelope.getRouting().getLane();
            if (request.idempotencyKey() != null && !request.idempotencyKey().isBlank()) {
                String requestHash = RequestHash.of(request.type(), request.priority(), request.orderingKey(), request.correlationId(),
                        envelope.getPayload().array());
                var outcome = idempotency.once(client, request.idempotencyKey(), requestHash, new OriginalAnswer(envelope.getId(), lane.name()),
                        () -> {
                            publisher.publish(envelope);
                            return null;
                        });
                if (outcome.repeat() == null && !outcome.recorded()) {
                    accepted(envelope, client, started);
                    return new Accepted(envelope.getId(), lane, false, false);
                }
                if (outcome.repeat() != null) {
                    OriginalAnswer original = outcome.repeat().original();
                    if (!outcome.repeat().sameRequest()) {
                        throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
                                "idempotency key '" + request.idempotencyKey() + "' was already used for a different request (message "
                                        + original.messageId() + "); a retry must repeat the same type, priority, ordering key and "
                                        + "payload. Use a new key for a new message.");
                    }
                    log.info("Replayed answer for idempotency key {} of {}: {}", request.idempotencyKey(), client, original.messageId());
                    return new Accepted(original.messageId(), Lane.valueOf(original.lane()), true);
                }
            } else {
                publisher.publish(envelope);
            }
            accepted(envelope, client, started);
            return new Accepted(envelope.getId(), lane, false);
        }
    }

    /**
     * Validates, classifies and starts the write without waiting (for batches: every record in flight at
     * once). Messages with an idempotency key take the synchronous path, which is what makes them safe.
     */
    public Pending startAccept(PublishRequest request, String client, String traceparent) {
        if (request.idempotencyKey() != null && !request.idempotencyKey().isBlank()) {
            return new Pending(accept(request, client, traceparent), null, null);
        }
        rateLimiter.acquire(client, 1);
        Envelope envelope = prepare(request, client, traceparent);
        return new Pending(null, envelope, publisher.send(envelope));
    }

    public Accepted finishAccept(Pending pending, String client, long startedNanos) {
        if (pending.done() != null) {
            return pending.done();
        }
        publisher.await(pending.write());
        publisher.announceRouted(pending.envelope());
        accepted(pending.envelope(), client, startedNanos);
        return new Accepted(pending.envelope().getId(), pending.envelope().getRouting().getLane(), false);
    }

    private Envelope prepare(PublishRequest request, String client, String traceparent) {
        TypeCatalog.TypeSpec spec = catalog.find(request.type()).orElseThrow(() -> new InvalidRequestException(
                HttpStatus.UNPROCESSABLE_CONTENT, "Unknown message type",
                "type '" + request.type() + "' is not in the catalog; allowed types: " + String.join(", ", catalog.publicTypes().keySet())));
        if (spec.internal()) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Internal message type", "type '" + request.type()
                    + "' is internal to the platform: only its own services send it, through the " + Topics.INGRESS
                    + " topic, never over REST. Publish one of: " + String.join(", ", catalog.publicTypes().keySet()));
        }
        if (request.payload() == null || !request.payload().isObject()) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "Invalid payload", "payload must be a JSON object with the "
                    + "fields of type '" + request.type() + "', not " + (request.payload() == null ? "missing" : request.payload().getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)) + ".");
        }
        permissions.checkType(client, request.type(), spec.allowedClients());
        Priority priority = Priorities.parse(request.priority(), spec.defaultPriority());
        if (request.priority() != null && !request.priority().isBlank()) {
            permissions.checkPriority(client, priority);
        }
        payloads.check(request.type(), spec, request.payload());
        Lane lane = router.laneFor(request.type(), priority, spec);
        backpressure.admit(lane, priority, request.type(), client);
        return EnvelopeFactory.create(request, payloads.encode(spec, request.payload(), () -> json.writeValueAsBytes(request.payload())),
                priority, lane, spec,
                client, TraceIds.from(traceparent), clock);
    }

    /**
     * Meters are looked up once per tag set and cached (the accepted counters in {@link AcceptedMessages}): building
     * the tags and finding the meter on every request showed up in the single-envelope profile. One DEBUG line per
     * message (the metrics count them; an INFO line per request was most of the log volume under load).
     */
    private void accepted(Envelope envelope, String client, long startedNanos) {
        Lane lane = envelope.getRouting().getLane();
        latencyByLane.computeIfAbsent(lane, l -> meters.timer("laneway.router.publish.latency", "lane", Topics.laneName(l)))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        accepted.count(envelope, client);
        if (log.isDebugEnabled()) {
            log.debug("Accepted {} type={} priority={} lane={}", envelope.getId(), envelope.getType(), envelope.getPriority(), lane);
        }
    }
}
