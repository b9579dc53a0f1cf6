package io.laneway.saga.order;

import java.time.Instant;

import io.laneway.contracts.order.OrderEvent;
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
 * The order saga as a pure function: (state, event) -> next state. Happy path
 * OrderPlaced -> stock -> payment -> shipping; a refusal after stock was reserved compensates
 * (release stock, refund payment) before the order is cancelled. Events that do not fit the current
 * step (duplicates, late arrivals) leave the state unchanged.
 */
public final class OrderSagaTransition {

    private OrderSagaTransition() {
    }

    public static OrderSagaState apply(OrderSagaState state, OrderEvent event) {
        Object e = event.getEvent();
        Instant at = event.getOccurredAt();
        if (state == null) {
            if (e instanceof OrderPlaced placed) {
                return OrderSagaState.newBuilder().setOrderId(event.getOrderId()).setStep(SagaStep.AWAITING_STOCK)
                        .setCustomerId(placed.getCustomerId()).setTotalCents(placed.getTotalCents()).setUpdatedAt(at).build();
            }
            return null; // an event for an order this saga never saw placed: nothing to steer
        }
        OrderSagaState.Builder next = OrderSagaState.newBuilder(state).setUpdatedAt(at);
        return switch (state.getStep()) {
            case AWAITING_STOCK -> switch (e) {
                case StockReserved r -> next.setStep(SagaStep.AWAITING_PAYMENT).setReservationId(r.getReservationId()).build();
                case StockRejected r -> next.setStep(SagaStep.CANCELLED).setReason(r.getReason()).build();
                default -> state;
            };
            case AWAITING_PAYMENT -> switch (e) {
                case PaymentCharged p -> next.setStep(SagaStep.AWAITING_SHIPMENT).setPaymentId(p.getPaymentId()).build();
                case PaymentDeclined p -> next.setStep(SagaStep.COMPENSATING).setReason(p.getReason()).build();
                default -> state;
            };
            case AWAITING_SHIPMENT -> switch (e) {
                case OrderShipped s -> next.setStep(SagaStep.COMPLETED).build();
                case ShippingFailed f -> next.setStep(SagaStep.COMPENSATING).setReason(f.getReason()).build();
                default -> state;
            };
            case COMPENSATING -> switch (e) {
                case StockReleased r when state.getPaymentId() == null -> next.setStep(SagaStep.CANCELLED).build();
                case StockReleased r -> next.setReservationId(null).build();
                case PaymentRefunded r when state.getReservationId() == null -> next.setStep(SagaStep.CANCELLED).build();
                case PaymentRefunded r -> next.setPaymentId(null).build();
                default -> state;
            };
            case COMPLETED, CANCELLED -> state;
        };
    }
}
