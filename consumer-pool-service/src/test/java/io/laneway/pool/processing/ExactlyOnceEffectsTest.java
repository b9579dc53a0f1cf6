package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pool against real Kafka, PostgreSQL and registry: effects happen once, events leave through the outbox. */
class ExactlyOnceEffectsTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void theSameEnvelopeDeliveredTwiceIsProcessedOnce() {
        double processedBefore = count("processed");
        double duplicatesBefore = count("duplicate");
        Envelope envelope = envelope("demo.greet", null, "{\"name\":\"Grace\"}");

        send(envelope);
        send(envelope);

        await("both deliveries handled", () -> count("duplicate") >= duplicatesBefore + 1 && count("processed") >= processedBefore + 1);
        assertThat(count("processed")).isEqualTo(processedBefore + 1);
        assertThat(jdbc.sql("select greeting from demo_greeting where message_id = ?").param(envelope.getId())
                .query(String.class).list()).containsExactly("Hello, Grace!");
        await("outbox drained", () -> jdbc.sql("select count(*) from outbox_event").query(Long.class).single() == 0);
        assertThat(lifecycleStatuses(envelope.getId())).containsExactly("COMPLETED");
    }

    @Test
    void anEnvelopeNoHandlerCanTakeIsDeadLetteredAtOnceWithoutEffects() {
        Envelope envelope = envelope("nobody.handles.this", null, "{}");

        send(envelope);

        await("dead-lettered", () -> lifecycleStatuses(envelope.getId()).contains("DEAD_LETTERED"));
        assertThat(readIds(Topics.DEAD_LETTER)).contains(envelope.getId());
        assertThat(lifecycleStatuses(envelope.getId())).doesNotContain("FAILED"); // permanent: no retries first
        assertThat(jdbc.sql("select count(*) from processed_message where message_id = ?").param(envelope.getId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDownstreamCallThatSucceededIsNotMadeAgainWhenALaterEnvelopeOfItsBatchFails() {
        io.laneway.pool.support.TestHandlers.POISON_BROKEN.set(true);
        io.laneway.pool.support.TestHandlers.GATEWAY_DOWN.set(false);
        Envelope charge = envelope("test.gateway", null, "{}");
        Envelope failing = envelope("test.poison", null, "{}"); // no savepoint of its own: its failure rolls the batch back

        sendToPartition(Topics.LANE_FAST, 0, java.util.List.of(charge, failing));

        await("the downstream envelope's effect", () -> jdbc.sql("select count(*) from test_effect where message_id = ?")
                .param(charge.getId()).query(Long.class).single() == 1);
        await("the failing envelope failed", () -> lifecycleStatuses(failing.getId()).contains("FAILED"));
        assertThat(io.laneway.pool.support.TestHandlers.GATEWAY_CALLS_BY_MESSAGE.get(charge.getId()).get())
                .as("the gateway was called once for it, though its batch ran again").isEqualTo(1);
    }

    private double count(String outcome) {
        var counter = meters.find("laneway.pool.envelopes").tag("type", "demo.greet").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
