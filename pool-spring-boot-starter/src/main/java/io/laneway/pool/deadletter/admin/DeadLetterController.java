package io.laneway.pool.deadletter.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.pool.deadletter.DeadLetter;
import io.laneway.pool.deadletter.DeadLetterRepository;
import io.laneway.pool.deadletter.FingerprintGroup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/** The operator's dead-letter API (scope {@code admin}): list with filters, inspect, replay, discard. */
@RestController
@RequestMapping("/v1/dead-letters")
class DeadLetterController {

    private final DeadLetterRepository deadLetters;
    private final DeadLetterOperations operations;
    private final DeadLetterAuditRepository audit;

    DeadLetterController(DeadLetterRepository deadLetters, DeadLetterOperations operations, DeadLetterAuditRepository audit) {
        this.deadLetters = deadLetters;
        this.operations = operations;
        this.audit = audit;
    }

    record Summary(long id, String messageId, String type, String lane, String status, int attempts, String errorClass,
                   String errorMessage, String fingerprint, String dlqTopic, Instant deadLetteredAt) {
        static Summary of(DeadLetter d) {
            return new Summary(d.getId(), d.getMessageId(), d.getType(), d.getLane(), d.getStatus().name(), d.getAttempts(),
                    d.getErrorClass(), d.getErrorMessage(), d.getFingerprint(), d.getDlqTopic(), d.getDeadLetteredAt());
        }
    }

    /** @param headers the envelope's own headers, decoded: source, keys, priority, routing, attempts, deadline */
    record Detail(Summary summary, String originalTopic, int originalPartition, long originalOffset, String traceId,
                  Instant firstFailedAt, String errorStack, int envelopeBytes, DeadLetterOperations.PayloadView payload,
                  Map<String, Object> headers, List<Map<String, Object>> audit) {
    }

    record ListPage(List<Summary> items, int page, int size, long total) {
    }

    /** @param payload for a replay, the payload to send instead of the letter's (checked against the type's schema) */
    record Action(String reason, JsonNode payload) {
    }

    /**
     * @param dryRun        tell what would be replayed (and held back by the loop guard) without sending anything
     * @param ratePerSecond at most this many replays a second (default 50)
     */
    record ReplayFilter(String type, String lane, String fingerprint, String errorClass, Instant since, Instant until, Integer limit,
                        String reason, Boolean dryRun, Integer ratePerSecond) {
    }

    @ApiResponse(responseCode = "200", description = "A page of dead letters, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ListPage.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.LIST)))
    @GetMapping
    ListPage list(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(required = false) String type,
                  @RequestParam(required = false) String lane, @RequestParam(required = false) String fingerprint,
                  @RequestParam(required = false) String errorClass, @RequestParam(required = false) String messageId,
                  @RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 500 || page < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size between 1 and 500");
        }
        Page<DeadLetter> found = deadLetters.find(statusFilter(status), type, laneFilter(lane), fingerprint, errorClass, messageId, since, until,
                PageRequest.of(page, size));
        return new ListPage(found.map(Summary::of).getContent(), page, size, found.getTotalElements());
    }

    @ApiResponse(responseCode = "200", description = "Dead letters grouped by fingerprint (type, error class, masked message), "
            + "most recently seen first: what to triage as one problem",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = ApiExamples.GROUPS)))
    @GetMapping("/groups")
    List<FingerprintGroup> groups(@RequestParam(defaultValue = "OPEN") String status, @RequestParam(required = false) String type,
                                  @RequestParam(required = false) String lane, @RequestParam(required = false) String errorClass,
                                  @RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until) {
        return deadLetters.groups(statusFilter(status), type, laneFilter(lane), errorClass, since, until);
    }

    @ApiResponse(responseCode = "200", description = "One letter: its context, its payload as JSON and its audit trail",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Detail.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.DETAIL)))
    @GetMapping("/{id}")
    Detail inspect(@PathVariable long id) {
        DeadLetter d = operations.get(id);
        var history = audit.findByDeadLetterIdOrderById(id).stream().map(a -> Map.<String, Object>of(
                "action", a.getAction(), "actor", a.getActor(), "reason", a.getReason() == null ? "" : a.getReason(),
                "actedAt", a.getActedAt().toString())).toList();
        DeadLetterOperations.Contents contents = operations.contentsOf(d);
        return new Detail(Summary.of(d), d.getOriginalTopic(), d.getOriginalPartition(), d.getOriginalOffset(), d.getTraceId(),
                d.getFirstFailedAt(), d.getErrorStack(), d.getEnvelope().length, contents.payload(), contents.headers(), history);
    }

    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = {@ExampleObject(name = "reason only", value = ApiExamples.ACTION), @ExampleObject(name = "payload edited", value = ApiExamples.EDITED_REPLAY)})))
    @ApiResponse(responseCode = "200", description = "Sent back to its lane with a fresh attempt budget",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Summary.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.REPLAYED)))
    @PostMapping("/{id}/replay")
    Summary replay(@PathVariable long id, @RequestBody(required = false) Action action, Authentication who) {
        return Summary.of(operations.replay(id, who.getName(), action == null ? null : action.reason(),
                action == null ? null : action.payload()));
    }

    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(name = "example", value = ApiExamples.ACTION))))
    @ApiResponse(responseCode = "200", description = "Closed without replay, audited",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Summary.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.DISCARDED)))
    @PostMapping("/{id}/discard")
    Summary discard(@PathVariable long id, @RequestBody(required = false) Action action, Authentication who) {
        return Summary.of(operations.discard(id, who.getName(), action == null ? null : action.reason()));
    }

    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(name = "example", value = ApiExamples.REPLAY_FILTER))))
    @ApiResponse(responseCode = "200", description = "What was replayed, and what the replay loop guard held back",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Object.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.BULK_REPLAYED)))
    @PostMapping("/replay")
    Map<String, Object> replayMatching(@RequestBody ReplayFilter filter, Authentication who) {
        int limit = filter.limit() == null ? 100 : filter.limit();
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        int rate = filter.ratePerSecond() == null ? 50 : filter.ratePerSecond();
        if (rate < 1 || rate > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "ratePerSecond must be between 1 and 1000");
        }
        if (filter.type() == null && filter.lane() == null && filter.fingerprint() == null && filter.errorClass() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Name at least one of type, lane, fingerprint, errorClass: replaying every dead letter at once is rarely meant.");
        }
        var matching = new DeadLetterOperations.BulkFilter(filter.type(), laneFilter(filter.lane()), filter.fingerprint(),
                filter.errorClass(), filter.since(), filter.until(), limit);
        if (Boolean.TRUE.equals(filter.dryRun())) {
            DeadLetterOperations.BulkReplay would = operations.dryRun(matching);
            return Map.of("dryRun", true, "wouldReplay", would.replayed().size(), "ids", would.replayed(), "held", would.held(),
                    "ratePerSecond", rate);
        }
        DeadLetterOperations.BulkReplay done = operations.replayMatching(matching, rate, who.getName(), filter.reason());
        return Map.of("dryRun", false, "replayed", done.replayed().size(), "ids", done.replayed(), "held", done.held(),
                "ratePerSecond", rate);
    }

    private static DeadLetter.Status statusFilter(String status) {
        return status.equalsIgnoreCase("ANY") ? null : parseStatus(status);
    }

    /**
     * Dead letters store the lane as metrics name it ({@code fast}); the router's answers say {@code FAST}. Either
     * finds the same letters, and a lane that does not exist is an error, not an empty page.
     */
    private static String laneFilter(String lane) {
        if (lane == null) {
            return null;
        }
        return Topics.laneNamed(lane).map(Topics::laneName).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "lane '" + lane + "' does not exist: use fast, heavy or long-running"));
    }

    private static DeadLetter.Status parseStatus(String status) {
        try {
            return DeadLetter.Status.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of OPEN, REPLAYED, DISCARDED, ANY");
        }
    }
}
