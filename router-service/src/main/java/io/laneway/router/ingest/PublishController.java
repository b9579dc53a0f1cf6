package io.laneway.router.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.router.backpressure.Backpressure;
import io.laneway.router.classify.LaneClassifier;
import io.laneway.router.classify.TypeCatalog;
import io.laneway.router.dedupe.IngestIdempotency;
import io.laneway.router.dedupe.IngestIdempotency.OriginalAnswer;
import io.laneway.router.publish.EnvelopePublisher;
import io.laneway.router.ratelimit.ClientRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/messages}: rate-limit per client, validate, classify, apply backpressure, deduplicate
 * on the idempotency key, write to the lane topic, answer 202. Every refusal happens before the write.
 */
@RestController
public class PublishController {

    private static final Logger log = LoggerFactory.getLogger(PublishController.class);

    private final TypeCatalog catalog;
    private final LaneClassifier classifier;
    private final EnvelopePublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ClientRateLimiter rateLimiter;
    private final Backpressure backpressure;
    private final IngestIdempotency idempotency;
    private final String statusBaseUrl;
    private final Clock clock = Clock.systemUTC();

    public PublishController(TypeCatalog catalog, EnvelopePublisher publisher, ObjectMapper json, MeterRegistry meters,
                             ClientRateLimiter rateLimiter, Backpressure backpressure, IngestIdempotency idempotency,
                             @Value("${laneway.router.status-base-url:http://127.0.0.1:8084}") String statusBaseUrl) {
        this.rateLimiter = rateLimiter;
        this.backpressure = backpressure;
        this.idempotency = idempotency;
        this.catalog = catalog;
        this.classifier = new LaneClassifier(catalog.longRunningThreshold());
        this.publisher = publisher;
        this.json = json;
        this.meters = meters;
        this.statusBaseUrl = statusBaseUrl;
    }

    @PostMapping(path = "/v1/messages", consumes = "application/json", produces = "application/json")
    public ResponseEntity<PublishResponse> publish(
            @Valid @RequestBody PublishRequest request,
            @RequestHeader(name = "X-Client-Id", required = false) String clientId,
            @RequestHeader(name = "traceparent", required = false) String traceparent) {
        String client = clientId == null || clientId.isBlank() ? "anonymous" : clientId;
        rateLimiter.acquire(client, 1);
        TypeCatalog.TypeSpec spec = catalog.find(request.type()).orElseThrow(() -> new InvalidRequestException(
                HttpStatus.UNPROCESSABLE_CONTENT, "Unknown message type",
                "type '" + request.type() + "' is not in the catalog; allowed types: " + String.join(", ", catalog.types().keySet())));
        Priority priority = Priorities.parse(request.priority(), spec.defaultPriority());
        Lane lane = classifier.classify(priority, spec.costClass(), spec.expectedDuration());
        backpressure.admit(lane, priority);
        Envelope envelope = EnvelopeFactory.create(request, json.writeValueAsBytes(request.payload()), priority, lane, spec,
                client, TraceIds.from(traceparent), clock);

        long started = System.nanoTime();
        try (var ignored = MDC.putCloseable("messageId", envelope.getId());
             var ignored2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
            if (request.idempotencyKey() != null && !request.idempotencyKey().isBlank()) {
                var original = idempotency.once(client, request.idempotencyKey(), new OriginalAnswer(envelope.getId(), lane.name()),
                        () -> {
                            publisher.publish(envelope);
                            return null;
                        });
                if (original.isPresent()) {
                    log.info("Replayed answer for idempotency key {} of {}: {}", request.idempotencyKey(), client, original.get().messageId());
                    return answer(original.get().messageId(), original.get().lane(), true);
                }
            } else {
                publisher.publish(envelope);
            }
            log.info("Accepted {} type={} priority={} lane={}", envelope.getId(), envelope.getType(), priority, lane);
        } finally {
            meters.timer("laneway.router.publish.latency", "lane", lane.name()).record(Duration.ofNanos(System.nanoTime() - started));
        }
        meters.counter("laneway.router.messages.accepted", "lane", lane.name(), "priority", priority.name(),
                "type", envelope.getType(), "client", client).increment();
        return answer(envelope.getId(), lane.name(), false);
    }

    private ResponseEntity<PublishResponse> answer(String id, String lane, boolean replayed) {
        String statusUrl = statusBaseUrl + "/v1/messages/" + id;
        return ResponseEntity.accepted().location(URI.create(statusUrl))
                .header("Idempotent-Replayed", String.valueOf(replayed))
                .body(new PublishResponse(id, lane, "ROUTED", statusUrl));
    }
}
