package io.laneway.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.order.OrderCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A saga's command has an id of its own making: the same step of the same saga, the same id, whenever it is sent. */
class CommandEnvelopesTest {

    @Test
    void theSameCommandOfTheSameSagaKeepsItsIdAndAnyOtherGetsAnother() {
        var refund = new OrderCommands.RefundPayment("o-1", "pay-o-1", 900);

        String first = CommandEnvelopes.of("o-1", refund, Instant.parse("2026-12-04T10:00:00Z")).getId();
        String rerun = CommandEnvelopes.of("o-1", refund, Instant.parse("2026-12-04T10:05:00Z")).getId();
        String otherOrder = CommandEnvelopes.of("o-2", new OrderCommands.RefundPayment("o-2", "pay-o-2", 900), Instant.now()).getId();
        String otherStep = CommandEnvelopes.of("o-1", new OrderCommands.ReleaseStock("o-1", "r-1"), Instant.now()).getId();

        assertThat(rerun).as("a rerun or a resend is the same message to the pool").isEqualTo(first);
        assertThat(otherOrder).isNotEqualTo(first);
        assertThat(otherStep).isNotEqualTo(first).isNotEqualTo(otherOrder);
    }

    /** The payload is the contract the participants decode: the same record type, its fields as the wire names. */
    @Test
    void theEnvelopeCarriesTheTypedCommandAsTheParticipantsReadIt() {
        var reserve = new OrderCommands.ReserveStock("o-1", List.of(new OrderCommands.StockLine("demo-tea", 2)));
        Envelope envelope = CommandEnvelopes.of("o-1", reserve, Instant.now());
        String json = StandardCharsets.UTF_8.decode(envelope.getPayload()).toString();

        assertThat(envelope.getType()).isEqualTo("order.reserve-stock");
        assertThat(envelope.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(json).isEqualTo("{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"demo-tea\",\"quantity\":2}]}");
        assertThat(JsonMapper.builder().build().readValue(json, OrderCommands.ReserveStock.class)).isEqualTo(reserve);
        assertThat(CommandEnvelopes.of("o-1", new OrderCommands.RefundPayment("o-1", "p", 1), Instant.now()).getPriority())
                .as("compensations get through a saturated system").isEqualTo(Priority.CRITICAL);
    }
}
