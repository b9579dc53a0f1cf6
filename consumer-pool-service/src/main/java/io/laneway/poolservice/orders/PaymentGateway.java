package io.laneway.poolservice.orders;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.laneway.poolservice.ExamplesProperties;
import org.springframework.stereotype.Component;

/**
 * A simulated card gateway with configurable latency, decline rate and outage rate
 * ({@code laneway.pool.examples.payment-gateway.*}). Like real gateways it is idempotent per order (the order id
 * is the idempotency key): charging an order twice returns the same payment. Declines are decided by the order
 * id, so the same order is always declined; outages are random and transient (an IOException).
 */
@Component
public class PaymentGateway {

    public sealed interface Answer {
    }

    public record Approved(String paymentId) implements Answer {
    }

    public record Declined(String reason) implements Answer {
    }

    private final Duration latency;
    private final double declineRate;
    private final double outageRate;

    public PaymentGateway(ExamplesProperties examples) {
        this.latency = examples.paymentGateway().latency();
        this.declineRate = examples.paymentGateway().declineRate();
        this.outageRate = examples.paymentGateway().outageRate();
    }

    public Answer charge(String orderId, long amountCents) throws IOException, InterruptedException {
        Thread.sleep(latency); // the gateway's response time
        if (ThreadLocalRandom.current().nextDouble() < outageRate) {
            throw new IOException("payment gateway unavailable");
        }
        if (declinedByRule(orderId, declineRate)) {
            return new Declined("card declined for order " + orderId);
        }
        return new Approved("pay-" + orderId);
    }

    /** Deterministic per order: a share {@code rate} of order ids is declined. */
    static boolean declinedByRule(String orderId, double rate) {
        return Math.floorMod(orderId.hashCode(), 10_000) < rate * 10_000;
    }
}
