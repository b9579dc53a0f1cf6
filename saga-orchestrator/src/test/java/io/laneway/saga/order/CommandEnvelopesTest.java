package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A saga's command has an id of its own making: the same step of the same saga, the same id, whenever it is sent. */
class CommandEnvelopesTest {

    @Test
    void theSameCommandOfTheSameSagaKeepsItsIdAndAnyOtherGetsAnother() {
        SagaCommand refund = new SagaCommand("order.refund-payment", payload("orderId", "o-1", "paymentId", "pay-o-1", "amountCents", 900));

        String first = CommandEnvelopes.of("o-1", refund, Instant.parse("2026-12-04T10:00:00Z")).getId();
        String rerun = CommandEnvelopes.of("o-1", refund, Instant.parse("2026-12-04T10:05:00Z")).getId();
        String otherOrder = CommandEnvelopes.of("o-2", new SagaCommand("order.refund-payment",
                payload("orderId", "o-2", "paymentId", "pay-o-2", "amountCents", 900)), Instant.now()).getId();
        String otherStep = CommandEnvelopes.of("o-1", new SagaCommand("order.release-stock",
                payload("orderId", "o-1", "reservationId", "r-1")), Instant.now()).getId();

        assertThat(rerun).as("a rerun or a resend is the same message to the pool").isEqualTo(first);
        assertThat(otherOrder).isNotEqualTo(first);
        assertThat(otherStep).isNotEqualTo(first).isNotEqualTo(otherOrder);
    }

    private static Map<String, Object> payload(Object... keyValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            payload.put((String) keyValues[i], keyValues[i + 1]);
        }
        return payload;
    }
}
