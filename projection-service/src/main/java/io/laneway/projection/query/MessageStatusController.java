package io.laneway.projection.query;

import java.util.Map;
import java.util.TreeMap;

import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.projection.status.MessageStatusTopology;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/messages/{id}}: where a message is in its life, answered by whichever instance owns it. */
@RestController
public class MessageStatusController {

    public record MessageStatusResponse(String id, String type, String status, String lane, int attempt, String updatedAt,
                                        Long durationMillis, String error, Map<String, String> timestamps) {
        static MessageStatusResponse of(MessageStatusView v) {
            Map<String, String> timestamps = new TreeMap<>();
            v.getTimestamps().forEach((status, at) -> timestamps.put(status, at.toString()));
            return new MessageStatusResponse(v.getMessageId(), v.getType(), v.getStatus().name(),
                    v.getLane() == null ? null : v.getLane().name(), v.getAttempt(), v.getUpdatedAt().toString(),
                    v.getDurationMillis(), v.getError(), timestamps);
        }
    }

    private final ProjectionStores stores;
    private final InstanceRouter router;

    public MessageStatusController(ProjectionStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    @GetMapping(path = "/v1/messages/{id}", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> status(@PathVariable String id, HttpServletRequest request) {
        return router.answer(MessageStatusTopology.STORE, id, request, partition -> {
            MessageStatusView view = stores.local(MessageStatusTopology.STORE, QueryableStoreTypes.<String, MessageStatusView>keyValueStore(), partition).get(id);
            return view == null ? Problems.notFound("message", id) : InstanceRouter.json(MessageStatusResponse.of(view));
        });
    }
}
