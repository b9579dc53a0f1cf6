package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.order.OrderEvent;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The saga's rules as a table: events in, final step out. */
class OrderSagaTransitionTest {

    static {
        AvroContracts.trustGeneratedClasses();
    }

    static Stream<Arguments> journeys() {
        return Stream.of(
                Arguments.of("happy path", List.of(placed(), reserved(), charged(), shipped()), SagaStep.COMPLETED),
                Arguments.of("out of stock", List.of(placed(), new StockRejected("none left")), SagaStep.CANCELLED),
                Arguments.of("payment declined awaits stock release", List.of(placed(), reserved(), new PaymentDeclined("card")), SagaStep.COMPENSATING),
                Arguments.of("payment declined, stock released", List.of(placed(), reserved(), new PaymentDeclined("card"), new StockReleased("res-1")), SagaStep.CANCELLED),
                Arguments.of("shipping failed, both compensated", List.of(placed(), reserved(), charged(), new ShippingFailed("no courier"),
                        new PaymentRefunded("pay-1"), new StockReleased("res-1")), SagaStep.CANCELLED),
                Arguments.of("shipping failed, one compensation so far", List.of(placed(), reserved(), charged(), new ShippingFailed("no courier"),
                        new PaymentRefunded("pay-1")), SagaStep.COMPENSATING),
                Arguments.of("duplicate reservation ignored", List.of(placed(), reserved(), reserved()), SagaStep.AWAITING_PAYMENT),
                Arguments.of("shipment before payment ignored", List.of(placed(), reserved(), shipped()), SagaStep.AWAITING_PAYMENT),
                Arguments.of("completed stays completed", List.of(placed(), reserved(), charged(), shipped(), new ShippingFailed("late")), SagaStep.COMPLETED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journeys")
    void reachesTheExpectedStep(String name, List<Object> events, SagaStep expected) {
        OrderSagaState state = null;
        for (Object e : events) {
            state = OrderSagaTransition.apply(state, OrderEvent.newBuilder().setEventId("e").setOrderId("order-1")
                    .setOccurredAt(Instant.EPOCH).setEvent(e).build());
        }
        assertThat(state.getStep()).isEqualTo(expected);
    }

    private static OrderPlaced placed() {
        return new OrderPlaced("cust-1", List.of(new OrderLine("sku-1", 2, 500L)), 1000L, null);
    }

    private static StockReserved reserved() {
        return new StockReserved("res-1");
    }

    private static PaymentCharged charged() {
        return new PaymentCharged("pay-1", 1000L);
    }

    private static OrderShipped shipped() {
        return new OrderShipped("track-1");
    }
}
