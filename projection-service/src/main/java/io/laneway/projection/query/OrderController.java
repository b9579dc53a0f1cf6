package io.laneway.projection.query;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;

import io.laneway.contracts.projection.OrderView;
import io.laneway.projection.order.OrderViewTopology;
import io.laneway.security.ClientIdentity;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/orders/{id}}: an order's status, items, amounts, timeline and outcome, to the client that placed it or an operator. */
@RestController
public class OrderController {

    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    public record TimelineEntry(String event, String at) {
    }

    public record OrderResponse(String id, String status, String customerId, List<Line> lines, Long totalCents, long chargedCents,
                                long refundedCents, String reservationId, String paymentId, String trackingNumber,
                                String outcomeReason, List<TimelineEntry> timeline) {
        static OrderResponse of(OrderView v) {
            return new OrderResponse(v.getOrderId(), v.getStatus().name(), v.getCustomerId(),
                    v.getLines().stream().map(l -> new Line(l.getSku(), l.getQuantity(), l.getUnitPriceCents())).toList(),
                    v.getTotalCents(), v.getChargedCents(), v.getRefundedCents(), v.getReservationId(), v.getPaymentId(),
                    v.getTrackingNumber(), v.getOutcomeReason(),
                    v.getTimeline().stream().map(e -> new TimelineEntry(e.getEvent(), e.getAt().toString())).toList());
        }
    }

    private final ProjectionStores stores;
    private final InstanceRouter router;

    public OrderController(ProjectionStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    @ApiResponse(responseCode = "200", description = "The order and its saga timeline",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.ORDER)))
    @GetMapping(path = "/v1/orders/{id}", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> order(@PathVariable String id, HttpServletRequest request) {
        return router.answer(OrderViewTopology.STORE, id, request, partition -> {
            OrderView view = stores.local(OrderViewTopology.STORE, QueryableStoreTypes.<String, OrderView>keyValueStore(), partition).get(id);
            // checked where the view lives: a relayed query carries the caller's credentials (InstanceRouter)
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean visible = view != null && MessageAccess.mayReadOrder(view.getOwner(), ClientIdentity.of(caller), ClientIdentity.isAdmin(caller));
            return visible ? InstanceRouter.json(OrderResponse.of(view)) : Problems.notFound("order", id);
        });
    }
}
