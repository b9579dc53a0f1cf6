package io.laneway.pool.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import io.laneway.pool.support.TestHandlers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A downstream goes down: its breaker opens after the configured failures, the lane stops calling it (no
 * retries burned while open), the breaker turns half-open by itself, a successful trial closes it, and every
 * envelope is then processed exactly once.
 */
class CircuitBreakerPauseTest extends PoolIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void gatewayUp() {
        TestHandlers.GATEWAY_DOWN.set(false);
    }

    @Test
    void anOpenCircuitPausesTheLaneAndAHalfOpenTrialResumesIt() {
        CircuitBreaker breaker = breakers.circuitBreaker("flaky-gateway");
        breaker.reset(); // calls other tests made through this breaker must not count towards opening it
        double retriesBefore = retries();
        AtomicInteger callsWhenOpened = new AtomicInteger(-1);
        AtomicInteger callsWhenHalfOpen = new AtomicInteger(-1);
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN -> {
                    callsWhenOpened.set(TestHandlers.GATEWAY_CALLS.get());
                    TestHandlers.GATEWAY_DOWN.set(false); // the downstream recovers while the circuit is open
                }
                case OPEN_TO_HALF_OPEN -> callsWhenHalfOpen.set(TestHandlers.GATEWAY_CALLS.get());
                default -> { }
            }
        });
        TestHandlers.GATEWAY_DOWN.set(true);
        List<Envelope> first = envelopes(4);
        sendAll(first);

        await("the circuit to open", () -> callsWhenOpened.get() >= 0);
        List<Envelope> more = envelopes(5);
        sendAll(more);

        await("the circuit to close again", () -> breaker.getState() == CircuitBreaker.State.CLOSED && callsWhenHalfOpen.get() >= 0);
        List<Envelope> all = new ArrayList<>(first);
        all.addAll(more);
        await("every envelope processed", () -> all.stream().allMatch(e -> effects(e.getId()) >= 1));

        assertThat(callsWhenHalfOpen.get()).as("no call to the downstream while the circuit was open").isEqualTo(callsWhenOpened.get());
        assertThat(all).allMatch(e -> effects(e.getId()) == 1);
        assertThat(retries() - retriesBefore).as("only the failures before the circuit opened were retried").isEqualTo(first.size());
    }

    private double retries() {
        return meters.find("laneway.pool.retries").tag("type", "test.gateway").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static List<Envelope> envelopes(int n) {
        List<Envelope> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(envelope("test.gateway", null, "{}"));
        }
        return list;
    }

    private static void sendAll(List<Envelope> envelopes) {
        send(Topics.LANE_FAST, envelopes);
    }

    private long effects(String messageId) {
        return jdbc.sql("select count(*) from test_effect where message_id = ?").param(messageId).query(Long.class).single();
    }
}
