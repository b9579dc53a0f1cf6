package io.laneway.projection.query;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.projection.status.MessageStatusTopology;
import io.laneway.security.ClientIdentity;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/messages/{id}}: where a message is in its life, answered by whichever instance owns it, to the client
 * that published it or an operator ({@link MessageAccess}).
 */
@RestController
public class MessageStatusController {

    /** One lifecycle event of the message: each attempt, failure (with its error) and retry. */
    public record Step(String status, int attempt, String at, String error, Long durationMillis) {
    }

    public record MessageStatusResponse(String id, String type, String status, String lane, int attempt, String updatedAt,
                                        Long durationMillis, String error, Map<String, String> timestamps,
                                        JsonNode payload, String traceId, List<Step> history) {
        static MessageStatusResponse of(MessageStatusView v) {
            Map<String, String> timestamps = new TreeMap<>();
            v.getTimestamps().forEach((status, at) -> timestamps.put(status, at.toString()));
            List<Step> history = v.getHistory().stream().map(s -> new Step(s.getStatus().name(), s.getAttempt(), s.getAt().toString(),
                    s.getError(), s.getDurationMillis())).toList();
            return new MessageStatusResponse(v.getMessageId(), v.getType(), v.getStatus().name(),
                    v.getLane() == null ? null : v.getLane().name(), v.getAttempt(), v.getUpdatedAt().toString(),
                    v.getDurationMillis(), v.getError(), timestamps, payload(v.getPayload()), v.getTraceId(), history);
        }

        /** The payload as JSON (not a string holding JSON), when a failure brought it; null otherwise. */
        private static JsonNode payload(String json) {
            if (json == null) {
                return null;
            }
            try {
                return JsonMapper.shared().readTree(json);
            } catch (JacksonException e) {
                return JsonMapper.shared().getNodeFactory().textNode(json);
            }
        }
    }

    private final ProjectionStores stores;
    private final InstanceRouter router;

    public MessageStatusController(ProjectionStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    @ApiResponse(responseCode = "200", description = "Where the message is in its life; the payload once it failed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MessageStatusResponse.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.MESSAGE)))
    @GetMapping(path = "/v1/messages/{id}", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> status(@PathVariable String id, HttpServletRequest request) {
        return router.answer(MessageStatusTopology.STORE, id, request, partition -> {
            MessageStatusView view = stores.local(MessageStatusTopology.STORE, QueryableStoreTypes.<String, MessageStatusView>keyValueStore(), partition).get(id);
            // checked where the view lives: a relayed query carries the caller's credentials (InstanceRouter)
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean visible = view != null && MessageAccess.mayRead(view.getOwner(), ClientIdentity.of(caller), ClientIdentity.isAdmin(caller));
            return visible ? InstanceRouter.json(MessageStatusResponse.of(view)) : Problems.notFound("message", id);
        });
    }
}
