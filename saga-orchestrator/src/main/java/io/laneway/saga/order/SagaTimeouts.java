package io.laneway.saga.order;

import java.time.Duration;

import io.laneway.contracts.order.SagaStep;

/**
 * How long each step may wait for its participant's reply before the saga compensates.
 *
 * <p>{@code catchUpAfterStart}: for this long after the orchestrator (re)starts, no deadline is judged. Replies that
 * arrived while it was down sit unread in the log; judging deadlines before reading them would cancel orders whose
 * participants answered in time (benchmarks/results/design-notes.md#catch-up-after-start).
 */
public record SagaTimeouts(Duration stock, Duration payment, Duration shipment, Duration compensation,
                           Duration catchUpAfterStart) {

    /** Each step left out of {@code laneway.saga.timeouts.*} gets its default. */
    public SagaTimeouts {
        stock = stock == null ? Duration.ofSeconds(30) : stock;
        payment = payment == null ? Duration.ofSeconds(30) : payment;
        shipment = shipment == null ? Duration.ofMinutes(10) : shipment;
        compensation = compensation == null ? Duration.ofMinutes(1) : compensation;
        catchUpAfterStart = catchUpAfterStart == null ? Duration.ofSeconds(30) : catchUpAfterStart;
    }

    public static SagaTimeouts defaults() {
        return new SagaTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofSeconds(30));
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
