package io.laneway.projection.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.contracts.order.StockRejected;
import io.laneway.contracts.order.StockReleased;
import io.laneway.contracts.order.StockReserved;
import io.laneway.contracts.projection.OrderStatus;
import io.laneway.contracts.projection.OrderView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderViewTransitionTest {

    @BeforeAll
    static void trust() {
        AvroContracts.trustGeneratedClasses();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # events in arrival order                                        | status
            placed, reserved, charged, shipped, completed                      | COMPLETED
            placed, reserved, charged                                          | PAID
            placed, rejected, cancelled                                        | CANCELLED
            placed, reserved, declined, released, cancelled                    | CANCELLED
            completed, shipped, charged, reserved, placed                      | COMPLETED
            placed, reserved, cancelled, charged                               | CANCELLED
            placed, reserved, declined, charged                                | COMPENSATING
            shipped, placed                                                    | SHIPPED
            placed, reserved, charged, refunded, released, cancelled, shipped  | CANCELLED
            """)
    void theStatusOnlyMovesForward(String events, OrderStatus expected) {
        OrderView view = null;
        int n = 0;
        for (String name : events.split(",\\s*")) {
            view = OrderViewTransition.apply(view, event("e-" + n++, name));
        }
        assertThat(view.getStatus()).isEqualTo(expected);
    }

    @Test
    void factsArriveWhateverTheOrderAndTheTimelineHoldsEveryEventOnce() {
        OrderView view = null;
        for (OrderEvent e : List.of(event("e3", "charged"), event("e1", "placed"), event("e3", "charged"), event("e4", "cancelled"),
                event("e5", "refunded"))) {
            view = OrderViewTransition.apply(view, e);
        }
        assertThat(view.getLines()).hasSize(1);
        assertThat(view.getTotalCents()).isEqualTo(1000L);
        assertThat(view.getChargedCents()).as("a duplicated charge counts once").isEqualTo(1000L);
        assertThat(view.getRefundedCents()).isEqualTo(1000L);
        assertThat(view.getOutcomeReason()).isEqualTo("payment declined");
        assertThat(view.getTimeline()).extracting(t -> t.getEvent())
                .containsExactly("PaymentCharged", "OrderPlaced", "OrderCancelled", "PaymentRefunded");
    }

    @Test
    void aPaymentResentUnderANewEventIdIsCountedOnceAndTheOwnerIsWhoPlacedTheOrder() {
        OrderView view = OrderViewTransition.apply(null, OrderEvent.newBuilder().setEventId("e1").setOrderId("o-1").setOccurredAt(Instant.EPOCH)
                .setEvent(new OrderPlaced("c-1", List.of(new OrderLine("sku-1", 2, 500L)), 1000L, "team-shop")).build());
        // a participant answers a repeated charge command with the booked payment, in an event of its own
        view = OrderViewTransition.apply(view, event("e2", "charged"));
        view = OrderViewTransition.apply(view, event("e3", "charged"));

        assertThat(view.getChargedCents()).isEqualTo(1000L);
        assertThat(view.getOwner()).isEqualTo("team-shop");
    }

    @Test
    void aDuplicateEventLeavesTheViewAsItWas() {
        OrderView once = OrderViewTransition.apply(null, event("e1", "placed"));
        assertThat(OrderViewTransition.apply(once, event("e1", "placed"))).isSameAs(once);
    }

    static OrderEvent event(String id, String name) {
        Object what = switch (name) {
            case "placed" -> new OrderPlaced("c-1", Arrays.asList(new OrderLine("sku-1", 2, 500L)), 1000L, null);
            case "reserved" -> new StockReserved("r-1");
            case "rejected" -> new StockRejected("sold out");
            case "charged" -> new PaymentCharged("p-1", 1000L);
            case "declined" -> new PaymentDeclined("card declined");
            case "shipped" -> new OrderShipped("t-1");
            case "released" -> new StockReleased("r-1");
            case "refunded" -> new PaymentRefunded("p-1");
            case "completed" -> new OrderCompleted();
            case "cancelled" -> new OrderCancelled("payment declined");
            default -> throw new IllegalArgumentException(name);
        };
        return OrderEvent.newBuilder().setEventId(id).setOrderId("o-1").setOccurredAt(Instant.EPOCH).setEvent(what).build();
    }
}
