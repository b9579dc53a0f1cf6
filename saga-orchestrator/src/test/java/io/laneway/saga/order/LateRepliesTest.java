package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.SagaStep;
import io.laneway.contracts.order.StockReserved;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every success that can arrive late, in every step the saga can be in when it does: what is undone, and where the saga
 * ends up. "held" says what the saga still holds (r = a reservation, p = a payment) when the reply arrives.
 */
class LateRepliesTest {

    static {
        AvroContracts.trustGeneratedClasses();
    }

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @ParameterizedTest(name = "{2} while {0} holding [{1}] -> {3}, sends [{4}], outcome {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # step            | held | late reply | next step         | commands sent        | outcome
            AWAITING_STOCK    | -    | charged    | AWAITING_STOCK    | -                    | -
            AWAITING_STOCK    | -    | shipped    | AWAITING_STOCK    | -                    | -
            AWAITING_PAYMENT  | r    | shipped    | AWAITING_PAYMENT  | -                    | -
            AWAITING_PAYMENT  | r    | reserved   | AWAITING_PAYMENT  | -                    | -
            AWAITING_SHIPMENT | rp   | reserved   | AWAITING_SHIPMENT | -                    | -
            AWAITING_SHIPMENT | rp   | charged    | AWAITING_SHIPMENT | -                    | -
            COMPENSATING      | r    | charged    | COMPENSATING      | order.refund-payment | -
            COMPENSATING      | p    | reserved   | COMPENSATING      | order.release-stock  | -
            COMPENSATING      | rp   | shipped    | COMPLETED         | -                    | OrderCompleted
            COMPENSATING      | p    | shipped    | COMPENSATING      | -                    | -
            CANCELLED         | -    | reserved   | CANCELLED         | order.release-stock  | -
            CANCELLED         | -    | charged    | CANCELLED         | order.refund-payment | -
            CANCELLED         | -    | shipped    | CANCELLED         | -                    | -
            COMPLETED         | rp   | reserved   | COMPLETED         | -                    | -
            COMPLETED         | rp   | charged    | COMPLETED         | -                    | -
            COMPLETED         | rp   | shipped    | COMPLETED         | -                    | -
            """)
    void aLateSuccessIsUndoneOrSettlesTheOrder(SagaStep step, String held, String reply, SagaStep next, String command, String outcome) {
        OrderSagaState state = OrderSagaState.newBuilder().setOrderId("o-1").setStep(step).setCustomerId("c-1").setTotalCents(1000)
                .setReservationId(held != null && held.contains("r") ? "res-1" : null)
                .setPaymentId(held != null && held.contains("p") ? "pay-1" : null)
                .setUpdatedAt(NOW.minusSeconds(60)).setStepDeadline(NOW.plusSeconds(60)).build();
        Object event = switch (reply) {
            case "reserved" -> new StockReserved(held != null && held.contains("r") ? "res-1" : "res-late");
            case "charged" -> new PaymentCharged(held != null && held.contains("p") ? "pay-1" : "pay-late", 1000L);
            case "shipped" -> new OrderShipped("TRK-1");
            default -> throw new IllegalArgumentException(reply);
        };

        OrderSagaTransition.Decision decision = OrderSagaTransition.decide(state, "o-1", event, NOW, SagaTimeouts.defaults());

        assertThat(decision.state().getStep()).isEqualTo(next);
        assertThat(decision.commands()).extracting(io.laneway.contracts.order.OrderCommands.Command::commandType).containsExactlyElementsOf(command == null ? java.util.List.of()
                : java.util.List.of(command));
        assertThat(decision.outcome() == null ? null : decision.outcome().getClass().getSimpleName()).isEqualTo(outcome);
        if (decision.outcome() instanceof OrderCompleted) {
            assertThat(decision.state().getStepDeadline()).as("a terminal step has no deadline").isNull();
        }
    }
}
