package io.laneway.saga.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Open sagas per stream task (partition), counted from the task's store: right after a restart too. */
    private final Map<Object, AtomicLong> inFlightByTask = new ConcurrentHashMap<>();

    public SagaMetrics(MeterRegistry meters) {
        this.meters = meters;
        meters.gauge("laneway.saga.in_flight", inFlightByTask, byTask -> byTask.values().stream().mapToLong(AtomicLong::get).sum());
        // registered up front so dashboards and alerts see a zero, not an absent series, before the first event
        for (String outcome : new String[] {"started", "completed", "compensated", "failed"}) {
            meters.counter("laneway.saga.sagas", "outcome", outcome);
        }
        for (SagaStep step : new SagaStep[] {SagaStep.AWAITING_STOCK, SagaStep.AWAITING_PAYMENT, SagaStep.AWAITING_SHIPMENT,
                SagaStep.COMPENSATING}) {
            meters.counter("laneway.saga.timeouts", "step", step.name());
        }
    }

    /** The task's counter of open sagas, starting from what its store holds when the task is (re)assigned. */
    AtomicLong inFlight(Object task, long openInStore) {
        AtomicLong counter = new AtomicLong(openInStore);
        inFlightByTask.put(task, counter);
        return counter;
    }

    /** The task moved to another instance or the application stops: its sagas are no longer counted here. */
    void released(Object task) {
        inFlightByTask.remove(task);
    }

    static boolean isOpen(OrderSagaState state) {
        return state != null && state.getStep() != SagaStep.COMPLETED && state.getStep() != SagaStep.CANCELLED;
    }

    void moved(OrderSagaState before, OrderSagaState after, Instant now) {
        if (before == null) {
            meters.counter("laneway.saga.sagas", "outcome", "started").increment();
            return;
        }
        Timer.builder("laneway.saga.step.duration").tag("step", before.getStep().name()).publishPercentileHistogram()
                .register(meters).record(Duration.between(before.getUpdatedAt(), now));
        boolean wasOpen = isOpen(before);
        if (wasOpen && after.getStep() == SagaStep.COMPLETED) {
            meters.counter("laneway.saga.sagas", "outcome", "completed").increment();
        } else if (wasOpen && after.getStep() == SagaStep.CANCELLED) {
            String outcome = before.getStep() == SagaStep.COMPENSATING ? "compensated" : "failed";
            meters.counter("laneway.saga.sagas", "outcome", outcome).increment();
        }
    }

    void timedOut(SagaStep step) {
        meters.counter("laneway.saga.timeouts", "step", step.name()).increment();
    }

    void ignored(String event) {
        meters.counter("laneway.saga.replies.ignored", "event", event).increment();
    }
}
