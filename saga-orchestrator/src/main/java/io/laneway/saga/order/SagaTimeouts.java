package io.laneway.saga.order;

import java.time.Duration;

import io.laneway.contracts.order.SagaStep;

/** How long each step may wait for its participant's reply before the saga compensates. */
public record SagaTimeouts(Duration stock, Duration payment, Duration shipment, Duration compensation) {

    public static SagaTimeouts defaults() {
        return new SagaTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1));
    }

    Duration of(SagaStep step) {
        return switch (step) {
            case AWAITING_STOCK -> stock;
            case AWAITING_PAYMENT -> payment;
            case AWAITING_SHIPMENT -> shipment;
            case COMPENSATING -> compensation;
            case COMPLETED, CANCELLED -> null;
        };
    }
}
