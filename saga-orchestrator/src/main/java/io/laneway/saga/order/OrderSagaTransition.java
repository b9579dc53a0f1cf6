package io.laneway.saga.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.OrderCommands.Command;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.contracts.order.SagaStep;
import io.laneway.contracts.order.ShippingFailed;
import io.laneway.contracts.order.StockRejected;
import io.laneway.contracts.order.StockReleased;
import io.laneway.contracts.order.StockReserved;

/**
 * The order saga as a pure function: (state, event or timeout, now) -> next state, commands to send, and the
 * saga's own outcome event. Read it as the business rule:
 * <pre>
 * OrderPlaced        -> ReserveStock                                  (awaiting stock)
 * StockReserved      -> ChargePayment                                 (awaiting payment)
 * StockRejected      -> cancelled
 * PaymentCharged     -> ShipOrder                                     (awaiting shipment)
 * PaymentDeclined    -> ReleaseStock                                  (compensating)
 * OrderShipped       -> completed
 * ShippingFailed     -> RefundPayment, ReleaseStock (reverse order)   (compensating)
 * compensations done -> cancelled
 * a step's deadline passes -> as if the step failed; while compensating, resend what is still owed
 * </pre>
 * A reply that does not fit the current step (a duplicate, or a late reply after a timeout) changes nothing,
 * except that a late success is undone: a reservation or a charge arriving after the saga gave up is
 * released or refunded, so no stock or money is left behind; and a shipment that went out after its deadline,
 * while the saga was still compensating with nothing undone yet, completes the order (the participants refuse to
 * refund or release a shipped order, so that is where it stands).
 */
public final class OrderSagaTransition {

    /** What happens: the new state, the commands to send, and the saga's outcome event (or null). */
    public record Decision(OrderSagaState state, List<Command> commands, Object outcome) {

        static Decision unchanged(OrderSagaState state) {
            return new Decision(state, List.of(), null);
        }
    }

    /** The event a step deadline produces. */
    public record Timeout() {
    }

    private OrderSagaTransition() {
    }

    /** Only the next state (for folding events). */
    public static OrderSagaState apply(OrderSagaState state, OrderEvent event) {
        return decide(state, event.getOrderId(), event.getEvent(), event.getOccurredAt(), SagaTimeouts.defaults()).state();
    }

    public static Decision decide(OrderSagaState state, String orderId, Object event, Instant now, SagaTimeouts timeouts) {
        if (state == null) {
            if (event instanceof OrderPlaced placed) {
                OrderSagaState started = OrderSagaState.newBuilder().setOrderId(orderId).setStep(SagaStep.AWAITING_STOCK)
                        .setCustomerId(placed.getCustomerId()).setTotalCents(placed.getTotalCents()).setUpdatedAt(now)
                        .setStepDeadline(now.plus(timeouts.stock())).build();
                return new Decision(started, List.of(reserveStock(orderId, placed.getLines())), null);
            }
            return new Decision(null, List.of(), null); // nothing to steer for an order this saga never saw placed
        }
        return switch (state.getStep()) {
            case AWAITING_STOCK -> switch (event) {
                case StockReserved r -> move(state, SagaStep.AWAITING_PAYMENT, now, timeouts, b -> b.setReservationId(r.getReservationId()),
                        List.of(chargePayment(state)), null);
                case StockRejected r -> cancel(state, now, r.getReason());
                case Timeout t -> cancel(state, now, "stock reservation timed out");
                default -> Decision.unchanged(state);
            };
            case AWAITING_PAYMENT -> switch (event) {
                case PaymentCharged p -> move(state, SagaStep.AWAITING_SHIPMENT, now, timeouts, b -> b.setPaymentId(p.getPaymentId()),
                        List.of(shipOrder(state)), null);
                case PaymentDeclined p -> compensate(state, now, timeouts, p.getReason());
                case Timeout t -> compensate(state, now, timeouts, "payment timed out");
                default -> Decision.unchanged(state);
            };
            case AWAITING_SHIPMENT -> switch (event) {
                case OrderShipped s -> new Decision(terminal(state, SagaStep.COMPLETED, now, null), List.of(), new OrderCompleted());
                case ShippingFailed f -> compensate(state, now, timeouts, f.getReason());
                case Timeout t -> compensate(state, now, timeouts, "shipping timed out");
                default -> Decision.unchanged(state);
            };
            case COMPENSATING -> switch (event) {
                case StockReleased r when r.getReservationId().equals(state.getReservationId()) ->
                        settle(OrderSagaState.newBuilder(state).setReservationId(null).setUpdatedAt(now).build(), now);
                case PaymentRefunded r when r.getPaymentId().equals(state.getPaymentId()) ->
                        settle(OrderSagaState.newBuilder(state).setPaymentId(null).setUpdatedAt(now).build(), now);
                case PaymentCharged p when state.getPaymentId() == null -> // a charge that arrived after the saga gave up
                        new Decision(OrderSagaState.newBuilder(state).setPaymentId(p.getPaymentId()).setUpdatedAt(now).build(),
                                List.of(refund(state.getOrderId(), p.getPaymentId(), state.getTotalCents())), null);
                case StockReserved r when state.getReservationId() == null -> // a reservation after the saga gave up
                        new Decision(OrderSagaState.newBuilder(state).setReservationId(r.getReservationId()).setUpdatedAt(now).build(),
                                List.of(release(state.getOrderId(), r.getReservationId())), null);
                // the shipment went out after its deadline, before the compensations ran: the participants refuse to refund
                // or release a shipped order, so the order is completed instead of waiting for compensations that never come
                case OrderShipped s when state.getPaymentId() != null && state.getReservationId() != null ->
                        new Decision(terminal(state, SagaStep.COMPLETED, now, null), List.of(), new OrderCompleted());
                case Timeout t -> new Decision(OrderSagaState.newBuilder(state).setUpdatedAt(now)
                        .setStepDeadline(now.plus(timeouts.compensation())).build(), owedCompensations(state), null);
                default -> Decision.unchanged(state);
            };
            case COMPLETED, CANCELLED -> switch (event) {
                case StockReserved r when state.getStep() == SagaStep.CANCELLED ->
                        new Decision(state, List.of(release(state.getOrderId(), r.getReservationId())), null);
                case PaymentCharged p when state.getStep() == SagaStep.CANCELLED ->
                        new Decision(state, List.of(refund(state.getOrderId(), p.getPaymentId(), state.getTotalCents())), null);
                default -> Decision.unchanged(state);
            };
        };
    }

    private static Decision move(OrderSagaState state, SagaStep step, Instant now, SagaTimeouts timeouts,
                                 java.util.function.UnaryOperator<OrderSagaState.Builder> change, List<Command> commands, Object outcome) {
        OrderSagaState next = change.apply(OrderSagaState.newBuilder(state).setStep(step).setUpdatedAt(now)
                .setStepDeadline(now.plus(timeouts.of(step)))).build();
        return new Decision(next, commands, outcome);
    }

    private static Decision cancel(OrderSagaState state, Instant now, String reason) {
        return new Decision(terminal(state, SagaStep.CANCELLED, now, reason), List.of(), new OrderCancelled(reason));
    }

    /** Undo what was done, newest first: refund the payment, then release the stock. */
    private static Decision compensate(OrderSagaState state, Instant now, SagaTimeouts timeouts, String reason) {
        OrderSagaState next = OrderSagaState.newBuilder(state).setStep(SagaStep.COMPENSATING).setReason(reason).setUpdatedAt(now)
                .setStepDeadline(now.plus(timeouts.compensation())).build();
        return new Decision(next, owedCompensations(next), null);
    }

    private static List<Command> owedCompensations(OrderSagaState state) {
        List<Command> commands = new ArrayList<>(2);
        if (state.getPaymentId() != null) {
            commands.add(refund(state.getOrderId(), state.getPaymentId(), state.getTotalCents()));
        }
        if (state.getReservationId() != null) {
            commands.add(release(state.getOrderId(), state.getReservationId()));
        }
        return commands;
    }

    /** Compensating ends when nothing is owed any more. */
    private static Decision settle(OrderSagaState state, Instant now) {
        if (state.getPaymentId() == null && state.getReservationId() == null) {
            String reason = state.getReason() == null ? "compensated" : state.getReason();
            return new Decision(terminal(state, SagaStep.CANCELLED, now, reason), List.of(), new OrderCancelled(reason));
        }
        return Decision.unchanged(state);
    }

    private static OrderSagaState terminal(OrderSagaState state, SagaStep step, Instant now, String reason) {
        OrderSagaState.Builder next = OrderSagaState.newBuilder(state).setStep(step).setUpdatedAt(now).setStepDeadline(null);
        if (reason != null) {
            next.setReason(reason);
        }
        return next.build();
    }

    private static Command reserveStock(String orderId, List<OrderLine> lines) {
        return new OrderCommands.ReserveStock(orderId,
                lines.stream().map(l -> new OrderCommands.StockLine(l.getSku(), l.getQuantity())).toList());
    }

    private static Command chargePayment(OrderSagaState state) {
        return new OrderCommands.ChargePayment(state.getOrderId(), state.getCustomerId(), state.getTotalCents());
    }

    private static Command shipOrder(OrderSagaState state) {
        return new OrderCommands.ShipOrder(state.getOrderId(), state.getCustomerId(), 3, 20);
    }

    private static Command release(String orderId, String reservationId) {
        return new OrderCommands.ReleaseStock(orderId, reservationId);
    }

    private static Command refund(String orderId, String paymentId, long amountCents) {
        return new OrderCommands.RefundPayment(orderId, paymentId, amountCents);
    }
}
