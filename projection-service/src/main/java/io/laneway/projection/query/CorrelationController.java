package io.laneway.projection.query;

import java.util.List;

import io.laneway.projection.correlation.CorrelatedMessages;
import io.laneway.projection.correlation.CorrelationIndexTopology;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/correlations/{id}} (scope {@code admin}): the messages a correlation id ties together (an order's
 * commands, a job's parts), in the order they were routed, answered by whichever instance owns the id.
 */
@RestController
class CorrelationController {

    private final ProjectionStores stores;
    private final InstanceRouter router;

    CorrelationController(ProjectionStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    record Correlated(String correlationId, List<String> messageIds) {
    }

    @ApiResponse(responseCode = "200", description = "The ids of the messages routed with this correlation id, first routed first",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = """
                    {"correlationId": "order-1", "messageIds": ["0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33",
                                                                "5d1f0a94-8b2c-4e6f-a7d3-2c9e1b0f4a58"]}""")))
    @GetMapping(path = "/v1/correlations/{id}", produces = {"application/json", "application/problem+json"})
    ResponseEntity<?> messages(@PathVariable String id, HttpServletRequest request) {
        return router.answer(CorrelationIndexTopology.STORE, id, request, partition -> {
            String ids = stores.local(CorrelationIndexTopology.STORE, QueryableStoreTypes.<String, String>keyValueStore(), partition).get(id);
            return ids == null ? Problems.notFound("correlation", id) : InstanceRouter.json(new Correlated(id, CorrelatedMessages.list(ids)));
        });
    }
}
