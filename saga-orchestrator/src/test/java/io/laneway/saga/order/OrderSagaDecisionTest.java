package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.order.OrderCancelled;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.contracts.order.SagaStep;
import io.laneway.contracts.order.ShippingFailed;
import io.laneway.contracts.order.StockReleased;
import io.laneway.contracts.order.StockReserved;
import io.laneway.saga.order.OrderSagaTransition.Decision;
import io.laneway.saga.order.OrderSagaTransition.Timeout;
import org.junit.jupiter.api.Test;

/** What the saga sends, step by step, including timeouts, compensations in reverse order and late replies. */
class OrderSagaDecisionTest {

    static {
        AvroContracts.trustGeneratedClasses();
    }

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final SagaTimeouts timeouts = SagaTimeouts.defaults();

    @Test
    void happyPathSendsEachNextCommandAndCompletes() {
        Decision placed = decide(null, new OrderPlaced("cust-1", List.of(new OrderLine("sku-1", 2, 500L)), 1000L, null));
        assertThat(types(placed)).containsExactly("order.reserve-stock");
        assertThat(placed.commands().getFirst().orderId()).isEqualTo("order-1");
        assertThat(placed.state().getStepDeadline()).isEqualTo(T0.plus(timeouts.stock()));

        Decision reserved = decide(placed.state(), new StockReserved("res-1"));
        assertThat(types(reserved)).containsExactly("order.charge-payment");
        assertThat(reserved.commands().getFirst()).isEqualTo(new OrderCommands.ChargePayment("order-1", "cust-1", 1000L));

        Decision charged = decide(reserved.state(), new PaymentCharged("pay-1", 1000L));
        assertThat(types(charged)).containsExactly("order.ship");

        Decision shipped = decide(charged.state(), new OrderShipped("trk"));
        assertThat(shipped.state().getStep()).isEqualTo(SagaStep.COMPLETED);
        assertThat(shipped.outcome()).isInstanceOf(OrderCompleted.class);
        assertThat(shipped.commands()).isEmpty();
        assertThat(shipped.state().getStepDeadline()).isNull();
    }

    @Test
    void aFailedShipmentRefundsThenReleasesAndCancelsWhenBothAreConfirmed() {
        OrderSagaState awaitingShipment = upTo(SagaStep.AWAITING_SHIPMENT);
        Decision failed = decide(awaitingShipment, new ShippingFailed("no courier"));
        assertThat(types(failed)).containsExactly("order.refund-payment", "order.release-stock");
        assertThat(failed.state().getStep()).isEqualTo(SagaStep.COMPENSATING);

        Decision refunded = decide(failed.state(), new PaymentRefunded("pay-1"));
        assertThat(refunded.state().getStep()).isEqualTo(SagaStep.COMPENSATING);
        Decision released = decide(refunded.state(), new StockReleased("res-1"));
        assertThat(released.state().getStep()).isEqualTo(SagaStep.CANCELLED);
        assertThat(released.outcome()).isEqualTo(new OrderCancelled("no courier"));
    }

    @Test
    void aDeclinedPaymentReleasesTheStock() {
        Decision declined = decide(upTo(SagaStep.AWAITING_PAYMENT), new PaymentDeclined("card"));
        assertThat(types(declined)).containsExactly("order.release-stock");
    }

    @Test
    void noStockReplyInTimeCancelsAndALateReservationIsReleased() {
        Decision timedOut = decide(upTo(SagaStep.AWAITING_STOCK), new Timeout());
        assertThat(timedOut.state().getStep()).isEqualTo(SagaStep.CANCELLED);
        assertThat(timedOut.outcome()).isEqualTo(new OrderCancelled("stock reservation timed out"));

        Decision late = decide(timedOut.state(), new StockReserved("res-late"));
        assertThat(late.state().getStep()).as("recorded and ignored").isEqualTo(SagaStep.CANCELLED);
        assertThat(late.commands()).containsExactly(new OrderCommands.ReleaseStock("order-1", "res-late"));
    }

    @Test
    void noPaymentReplyInTimeCompensatesAndALateChargeIsRefundedBeforeCancelling() {
        Decision timedOut = decide(upTo(SagaStep.AWAITING_PAYMENT), new Timeout());
        assertThat(types(timedOut)).containsExactly("order.release-stock");

        Decision lateCharge = decide(timedOut.state(), new PaymentCharged("pay-late", 1000L));
        assertThat(types(lateCharge)).containsExactly("order.refund-payment");

        Decision released = decide(lateCharge.state(), new StockReleased("res-1"));
        assertThat(released.state().getStep()).as("still owes the refund").isEqualTo(SagaStep.COMPENSATING);
        Decision refunded = decide(released.state(), new PaymentRefunded("pay-late"));
        assertThat(refunded.state().getStep()).isEqualTo(SagaStep.CANCELLED);
    }

    @Test
    void aCompensationNotConfirmedInTimeIsSentAgainAndDuplicatesChangeNothing() {
        Decision failed = decide(upTo(SagaStep.AWAITING_SHIPMENT), new ShippingFailed("no courier"));
        Decision refunded = decide(failed.state(), new PaymentRefunded("pay-1"));
        Decision again = decide(refunded.state(), new Timeout());
        assertThat(types(again)).as("only what is still owed").containsExactly("order.release-stock");

        Decision duplicateRefund = decide(again.state(), new PaymentRefunded("pay-1"));
        assertThat(duplicateRefund.commands()).isEmpty();
        assertThat(duplicateRefund.state()).isEqualTo(again.state());
        Decision done = decide(again.state(), new StockReleased("res-1"));
        Decision duplicateRelease = decide(done.state(), new StockReleased("res-1"));
        assertThat(duplicateRelease.commands()).isEmpty();
        assertThat(duplicateRelease.outcome()).as("the cancellation is announced once").isNull();
    }

    private OrderSagaState upTo(SagaStep step) {
        OrderSagaState state = decide(null, new OrderPlaced("cust-1", List.of(new OrderLine("sku-1", 2, 500L)), 1000L, null)).state();
        if (step == SagaStep.AWAITING_STOCK) {
            return state;
        }
        state = decide(state, new StockReserved("res-1")).state();
        if (step == SagaStep.AWAITING_PAYMENT) {
            return state;
        }
        return decide(state, new PaymentCharged("pay-1", 1000L)).state();
    }

    private Decision decide(OrderSagaState state, Object event) {
        return OrderSagaTransition.decide(state, "order-1", event, T0, timeouts);
    }

    private static List<String> types(Decision decision) {
        return decision.commands().stream().map(OrderCommands.Command::commandType).toList();
    }
}
