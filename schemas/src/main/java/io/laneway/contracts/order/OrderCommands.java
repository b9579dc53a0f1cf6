package io.laneway.contracts.order;

import java.util.List;

/**
 * The order saga's payloads as types, shared by the one who writes them and the ones who read them: {@code order.place}
 * (a client's order) and the five commands the saga sends participants through {@code laneway.ingress}. They travel as
 * the envelope's JSON payload (field names and order are the wire format), so the saga and the participants cannot
 * drift apart by declaring them twice.
 */
public final class OrderCommands {

    private OrderCommands() {
    }

    /** A command of the saga: its catalog type and the order it is about. */
    public sealed interface Command permits ReserveStock, ReleaseStock, ChargePayment, RefundPayment, ShipOrder {

        /** The catalog type this command is published as (internal: only from the ingress topic). */
        String commandType();

        String orderId();

        /** Compensations undo a step; they must get through a saturated system (critical priority). */
        default boolean compensation() {
            return false;
        }
    }

    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    /** {@code order.place}: a client's order (checked at the router against laneway.payload.order.place). */
    public record PlaceOrder(String orderId, String customerId, List<Line> lines) {

        public static final String TYPE = "order.place";
    }

    public record StockLine(String sku, int quantity) {
    }

    public record ReserveStock(String orderId, List<StockLine> lines) implements Command {

        public static final String TYPE = "order.reserve-stock";

        @Override
        public String commandType() {
            return TYPE;
        }
    }

    public record ReleaseStock(String orderId, String reservationId) implements Command {

        public static final String TYPE = "order.release-stock";

        @Override
        public String commandType() {
            return TYPE;
        }

        @Override
        public boolean compensation() {
            return true;
        }
    }

    public record ChargePayment(String orderId, String customerId, long amountCents) implements Command {

        public static final String TYPE = "order.charge-payment";

        @Override
        public String commandType() {
            return TYPE;
        }
    }

    public record RefundPayment(String orderId, String paymentId, long amountCents) implements Command {

        public static final String TYPE = "order.refund-payment";

        @Override
        public String commandType() {
            return TYPE;
        }

        @Override
        public boolean compensation() {
            return true;
        }
    }

    /** Shipping runs in {@code steps} checkpointed steps of {@code stepMillis} each (long-running lane). */
    public record ShipOrder(String orderId, String customerId, int steps, long stepMillis) implements Command {

        public static final String TYPE = "order.ship";

        @Override
        public String commandType() {
            return TYPE;
        }
    }
}
