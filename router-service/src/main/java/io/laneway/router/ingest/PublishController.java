package io.laneway.router.ingest;

import io.laneway.router.config.RouterProperties;
import io.laneway.router.rejection.InvalidRequestException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.laneway.router.ingest.IngestService.Accepted;
import io.laneway.router.problem.RejectionMetrics;
import io.laneway.router.publish.KafkaUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import io.laneway.security.ClientIdentity;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** {@code POST /v1/messages} and {@code POST /v1/messages:batch}. */
@RestController
public class PublishController {

    /** One batch item's outcome: 202 with id and lane, or the problem that refused it. */
    public record ItemResult(int index, int status, String id, String lane, String statusUrl, String title, String detail) {
    }

    public record BatchRequest(@NotEmpty @Size(max = 1000) List<PublishRequest> messages) {
    }

    public record BatchResponse(int accepted, int rejected, List<ItemResult> results) {
    }

    private final IngestService ingest;
    private final Validator validator;
    private final RouterProperties router;
    private final RejectionMetrics rejections;

    public PublishController(IngestService ingest, Validator validator,
                             RouterProperties router, RejectionMetrics rejections) {
        this.ingest = ingest;
        this.validator = validator;
        this.router = router;
        this.rejections = rejections;
    }

    @Operation(summary = "Publish one message", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = @ExampleObject(name = "greeting", value = ApiExamples.PUBLISH))))
    @ApiResponse(responseCode = "202", description = "Durably in Kafka; Location and statusUrl say where to follow it",
            content = @Content(schema = @Schema(implementation = PublishResponse.class),
                    examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
    @PostMapping(path = "/v1/messages", consumes = "application/json", produces = "application/json")
    public ResponseEntity<PublishResponse> publish(
            @Valid @RequestBody PublishRequest request,
            Authentication authentication,
            @RequestHeader(name = "traceparent", required = false) String traceparent) {
        RequestContextHolder.currentRequestAttributes().setAttribute(RejectionMetrics.TYPE_ATTRIBUTE, request.type(),
                RequestAttributes.SCOPE_REQUEST);
        Accepted accepted = ingest.accept(request, ClientIdentity.of(authentication), traceparent);
        String statusUrl = statusUrl(accepted.id());
        return ResponseEntity.accepted().location(URI.create(statusUrl))
                .header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
                // false only when Kafka took the message but its idempotency key could not be stored: a retry may repeat it
                .header("Idempotency-Key-Recorded", String.valueOf(accepted.keyRecorded()))
                .body(new PublishResponse(accepted.id(), accepted.lane().name(), "ROUTED", statusUrl));
    }

    /**
     * Many messages in one call, each judged on its own: a bad item is refused with its own problem while
     * the others are accepted. All accepted writes are in flight together, then awaited.
     * 207 Multi-Status when outcomes differ, 202 when all were accepted.
     */
    @Operation(summary = "Publish many messages, each judged on its own",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(name = "two messages", value = ApiExamples.BATCH))))
    @ApiResponse(responseCode = "202", description = "Every message accepted",
            content = @Content(schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "all accepted", value = ApiExamples.BATCH_ACCEPTED)))
    @ApiResponse(responseCode = "207", description = "Outcomes differ: each result carries its own status, and a refused one its problem",
            content = @Content(schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "one refused", value = ApiExamples.BATCH_MIXED)))
    @PostMapping(path = "/v1/messages:batch", consumes = "application/json", produces = "application/json")
    public ResponseEntity<BatchResponse> publishBatch(
            @Valid @RequestBody BatchRequest batch,
            Authentication authentication,
            @RequestHeader(name = "traceparent", required = false) String traceparent) {
        String client = ClientIdentity.of(authentication);
        long started = System.nanoTime();
        List<ItemResult> results = new ArrayList<>(batch.messages().size());
        List<IngestService.Pending> pending = new ArrayList<>();
        List<Integer> pendingIndex = new ArrayList<>();
        for (int i = 0; i < batch.messages().size(); i++) {
            PublishRequest item = batch.messages().get(i);
            results.add(null);
            Set<ConstraintViolation<PublishRequest>> violations = item == null ? Set.of() : validator.validate(item);
            if (item == null || !violations.isEmpty()) {
                results.set(i, rejected(i, item, client, HttpStatus.BAD_REQUEST, "Invalid message", item == null ? "the item is null"
                        : violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList().toString()));
                continue;
            }
            try {
                pending.add(ingest.startAccept(item, client, traceparent));
                pendingIndex.add(i);
            } catch (InvalidRequestException e) {
                results.set(i, rejected(i, item, client, e.status(), e.title(), e.getMessage()));
            } catch (KafkaUnavailableException e) {
                results.set(i, rejected(i, item, client, HttpStatus.SERVICE_UNAVAILABLE, "Message broker unavailable", "Not accepted; retry later."));
            }
        }
        for (int p = 0; p < pending.size(); p++) {
            int i = pendingIndex.get(p);
            try {
                Accepted accepted = ingest.finishAccept(pending.get(p), client, started);
                results.set(i, new ItemResult(i, 202, accepted.id(), accepted.lane().name(), statusUrl(accepted.id()), null, null));
            } catch (KafkaUnavailableException e) {
                results.set(i, rejected(i, batch.messages().get(i), client, HttpStatus.SERVICE_UNAVAILABLE, "Message broker unavailable",
                        "Not accepted; retry later."));
            }
        }
        int accepted = (int) results.stream().filter(r -> r.status() == 202).count();
        HttpStatus status = accepted == results.size() ? HttpStatus.ACCEPTED : HttpStatus.MULTI_STATUS;
        return ResponseEntity.status(status).body(new BatchResponse(accepted, results.size() - accepted, results));
    }

    private ItemResult rejected(int index, PublishRequest item, String client, HttpStatus status, String title, String detail) {
        rejections.record(status.value(), title, item == null ? null : item.type(), client);
        return new ItemResult(index, status.value(), null, null, null, title, detail);
    }

    private String statusUrl(String id) {
        return router.statusUrl(id);
    }
}
