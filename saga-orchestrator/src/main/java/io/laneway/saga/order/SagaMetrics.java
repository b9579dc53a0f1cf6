package io.laneway.saga.order;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.SagaStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code laneway.saga.*}: sagas by outcome (started, completed, compensated = cancelled after compensating,
 * failed = cancelled before anything needed undoing), step latency per step, sagas in flight, timeouts.
 */
public final class SagaMetrics {

    private final MeterRegistry meters;
    private final AtomicLong inFlight = new AtomicLong();

    public SagaMetrics(MeterRegistry meters) {
        this.meters = meters;
        meters.gauge("laneway.saga.in_flight", inFlight);
        // registered up front so dashboards and alerts see a zero, not an absent series, before the first event
        for (String outcome : new String[] {"started", "completed", "compensated", "failed"}) {
            meters.counter("laneway.saga.sagas", "outcome", outcome);
        }
        for (SagaStep step : new SagaStep[] {SagaStep.AWAITING_STOCK, SagaStep.AWAITING_PAYMENT, SagaStep.AWAITING_SHIPMENT,
                SagaStep.COMPENSATING}) {
            meters.counter("laneway.saga.timeouts", "step", step.name());
        }
    }

    void moved(OrderSagaState before, OrderSagaState after, Instant now) {
        if (before == null) {
            meters.counter("laneway.saga.sagas", "outcome", "started").increment();
            inFlight.incrementAndGet();
            return;
        }
        Timer.builder("laneway.saga.step.duration").tag("step", before.getStep().name()).publishPercentileHistogram()
                .register(meters).record(Duration.between(before.getUpdatedAt(), now));
        boolean wasOpen = before.getStep() != SagaStep.COMPLETED && before.getStep() != SagaStep.CANCELLED;
        if (wasOpen && after.getStep() == SagaStep.COMPLETED) {
            meters.counter("laneway.saga.sagas", "outcome", "completed").increment();
            inFlight.decrementAndGet();
        } else if (wasOpen && after.getStep() == SagaStep.CANCELLED) {
            String outcome = before.getStep() == SagaStep.COMPENSATING ? "compensated" : "failed";
            meters.counter("laneway.saga.sagas", "outcome", outcome).increment();
            inFlight.decrementAndGet();
        }
    }

    void timedOut(SagaStep step) {
        meters.counter("laneway.saga.timeouts", "step", step.name()).increment();
    }

    void ignored(String event) {
        meters.counter("laneway.saga.replies.ignored", "event", event).increment();
    }
}
