package io.laneway.saga.order;

import io.laneway.contracts.order.OrderCommands.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderSagaState;
import io.laneway.contracts.order.SagaStep;
import io.laneway.saga.order.OrderSagaTransition.Decision;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs {@link OrderSagaTransition} on Kafka Streams. Per order event: read the saga's state, decide, store the
 * new state and forward the commands (to the router's ingress) and the outcome (an order event); under
 * exactly_once_v2 the state change and the outputs commit together. A deadline index (key = zero-padded
 * deadline + order id) lets a wall-clock punctuation find overdue steps with one range scan instead of
 * reading every saga. The index lives in memory: it is rebuilt from the sagas' deadlines whenever the task starts,
 * so it needs no changelog of its own.
 */
final class OrderSagaProcessor implements Processor<String, OrderEvent, String, SpecificRecord> {

    private final SagaTimeouts timeouts;
    private final Duration checkEvery;
    private final SagaMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderSagaState> sagas;
    private KeyValueStore<String, String> deadlines;
    private long judgeDeadlinesFrom;
    private AtomicLong inFlight;

    OrderSagaProcessor(SagaTimeouts timeouts, Duration checkEvery, SagaMetrics metrics) {
        this.timeouts = timeouts;
        this.checkEvery = checkEvery;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sagas = context.getStateStore(OrderSagaTopology.STORE);
        this.deadlines = context.getStateStore(OrderSagaTopology.DEADLINES);
        this.judgeDeadlinesFrom = context.currentSystemTimeMs() + timeouts.catchUpAfterStart().toMillis();
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::timeOutOverdueSteps);
        this.inFlight = metrics.inFlight(context.taskId(), rebuildDeadlines());
    }

    /**
     * Rebuilds the deadline index from the sagas (the store is restored before a processor starts) and counts the open
     * ones for the in-flight gauge; runs whenever the task is assigned, so a restart neither loses a deadline nor resets
     * the gauge to zero. One scan of the task's sagas, finished ones included.
     */
    private long rebuildDeadlines() {
        long open = 0;
        try (var all = sagas.all()) {
            while (all.hasNext()) {
                var saga = all.next();
                if (SagaMetrics.isOpen(saga.value)) {
                    open++;
                }
                if (saga.value.getStepDeadline() != null) {
                    deadlines.put(DeadlineKeys.of(saga.value.getStepDeadline().toEpochMilli(), saga.key), saga.key);
                }
            }
        }
        return open;
    }

    @Override
    public void close() {
        metrics.released(context.taskId());
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        String orderId = record.key() != null ? record.key() : record.value().getOrderId();
        OrderSagaState before = sagas.get(orderId);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        apply(orderId, before, OrderSagaTransition.decide(before, orderId, record.value().getEvent(), now, timeouts), now,
                record.value().getEvent().getClass().getSimpleName());
    }

    private void timeOutOverdueSteps(long nowMillis) {
        if (nowMillis < judgeDeadlinesFrom) {
            return; // just (re)started: read the replies that arrived meanwhile first (see SagaTimeouts)
        }
        List<KeyValue<String, String>> overdue = new ArrayList<>();
        try (var due = deadlines.range(DeadlineKeys.first(), DeadlineKeys.upTo(nowMillis))) {
            due.forEachRemaining(overdue::add);
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (KeyValue<String, String> entry : overdue) {
            deadlines.delete(entry.key);
            OrderSagaState state = sagas.get(entry.value);
            if (state == null || state.getStepDeadline() == null || state.getStepDeadline().toEpochMilli() > nowMillis) {
                continue; // the step moved on after this index entry was written
            }
            metrics.timedOut(state.getStep());
            apply(entry.value, state, OrderSagaTransition.decide(state, entry.value, new OrderSagaTransition.Timeout(), now, timeouts),
                    now, "Timeout");
        }
    }

    private void apply(String orderId, OrderSagaState before, Decision decision, Instant now, String cause) {
        OrderSagaState after = decision.state();
        if (after != null && !after.equals(before)) {
            if (before != null && before.getStepDeadline() != null) {
                deadlines.delete(DeadlineKeys.of(before.getStepDeadline().toEpochMilli(), orderId));
            }
            sagas.put(orderId, after);
            if (after.getStepDeadline() != null) {
                deadlines.put(DeadlineKeys.of(after.getStepDeadline().toEpochMilli(), orderId), orderId);
            }
            metrics.moved(before, after, now);
            inFlight.addAndGet((SagaMetrics.isOpen(after) ? 1 : 0) - (SagaMetrics.isOpen(before) ? 1 : 0));
        }
        long timestamp = now.toEpochMilli();
        for (Command command : decision.commands()) {
            context.forward(new Record<>(orderId, CommandEnvelopes.of(orderId, command, now), timestamp));
        }
        if (decision.outcome() != null) {
            context.forward(new Record<>(orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setOrderId(orderId).setOccurredAt(now).setEvent(decision.outcome()).build(), timestamp));
        }
        if (after != null && (after.getStep() == SagaStep.COMPLETED || after.getStep() == SagaStep.CANCELLED)
                && decision.commands().isEmpty() && decision.outcome() == null && !cause.equals("Timeout")) {
            metrics.ignored(cause);
        }
    }
}
