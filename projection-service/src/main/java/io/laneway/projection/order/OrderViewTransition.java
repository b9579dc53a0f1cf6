package io.laneway.projection.order;

import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.contracts.order.ShippingFailed;
import io.laneway.contracts.order.StockRejected;
import io.laneway.contracts.order.StockReleased;
import io.laneway.contracts.order.StockReserved;
import io.laneway.contracts.projection.OrderStatus;
import io.laneway.contracts.projection.OrderTimelineEntry;
import io.laneway.contracts.projection.OrderView;

/**
 * How one order event changes the order's view. Pure, so the rules read as a table.
 *
 * <p>Events reach the projection from several producers (participants' outboxes, the saga), so they can come
 * late, twice or out of order. Facts (items, amounts, ids) are always recorded; the status only moves forward:
 * a later stage beats an earlier one, any trouble (a rejection, a decline, a compensation) outranks the happy
 * stages, and COMPLETED / CANCELLED are final. An event already in the timeline (same event id) changes nothing.
 */
public final class OrderViewTransition {

    private OrderViewTransition() {
    }

    public static OrderView apply(OrderView current, OrderEvent event) {
        OrderView.Builder view = current == null
                ? OrderView.newBuilder().setOrderId(event.getOrderId()).setStatus(OrderStatus.PLACED)
                : OrderView.newBuilder(current);
        if (current != null && current.getTimeline().stream().anyMatch(e -> e.getEventId().equals(event.getEventId()))) {
            return current;
        }
        Object what = event.getEvent();
        switch (what) {
            case OrderPlaced p -> view.setCustomerId(p.getCustomerId()).setOwner(p.getPlacedBy()).setLines(p.getLines())
                    .setTotalCents(p.getTotalCents());
            case StockReserved r -> view.setReservationId(r.getReservationId());
            // a participant answers a repeated charge command with the same payment: count each payment once
            case PaymentCharged c when c.getPaymentId().equals(view.getPaymentId()) -> { }
            case PaymentCharged c -> view.setPaymentId(c.getPaymentId()).setChargedCents(view.getChargedCents() + c.getAmountCents());
            case PaymentRefunded r -> view.setRefundedCents(view.getChargedCents());
            case OrderShipped s -> view.setTrackingNumber(s.getTrackingNumber());
            case OrderCancelled c -> view.setOutcomeReason(c.getReason());
            default -> { }
        }
        OrderStatus next = statusAfter(what);
        if (current == null || moves(view.getStatus(), next)) {
            view.setStatus(next);
        }
        List<OrderTimelineEntry> timeline = new ArrayList<>(view.hasTimeline() ? view.getTimeline() : List.of());
        timeline.add(new OrderTimelineEntry(event.getEventId(), what.getClass().getSimpleName(), event.getOccurredAt()));
        return view.setTimeline(timeline).build();
    }

    /** The status an event stands for on its own. */
    static OrderStatus statusAfter(Object event) {
        return switch (event) {
            case OrderPlaced p -> OrderStatus.PLACED;
            case StockReserved r -> OrderStatus.STOCK_RESERVED;
            case PaymentCharged c -> OrderStatus.PAID;
            case OrderShipped s -> OrderStatus.SHIPPED;
            case StockRejected r -> OrderStatus.COMPENSATING;
            case PaymentDeclined d -> OrderStatus.COMPENSATING;
            case ShippingFailed f -> OrderStatus.COMPENSATING;
            case StockReleased r -> OrderStatus.COMPENSATING;
            case PaymentRefunded r -> OrderStatus.COMPENSATING;
            case OrderCompleted c -> OrderStatus.COMPLETED;
            case OrderCancelled c -> OrderStatus.CANCELLED;
            default -> throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
        };
    }

    /** Whether the view may go from {@code from} to {@code to}: forward only, final states stay. */
    static boolean moves(OrderStatus from, OrderStatus to) {
        return rank(to) > rank(from);
    }

    private static int rank(OrderStatus status) {
        return switch (status) {
            case PLACED -> 0;
            case STOCK_RESERVED -> 1;
            case PAID -> 2;
            case SHIPPED -> 3;
            case COMPENSATING -> 4;
            case COMPLETED, CANCELLED -> 5;
        };
    }
}
