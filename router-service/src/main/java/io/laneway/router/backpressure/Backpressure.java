package io.laneway.router.backpressure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.router.rejection.TooManyRequestsException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Applies the {@link SheddingPolicy} to a request: pass, pause briefly, or refuse with 429 + Retry-After. */
@Component
public class Backpressure {

    private final LaneLagMonitor lags;
    private final BackpressureProperties properties;
    private final SheddingPolicy policy;
    private final MeterRegistry meters;
    /** One counter per tag set, looked up once: finding it by name and tags showed in the per-request profile. */
    private final Map<DecisionTags, Counter> decisions = new ConcurrentHashMap<>();

    private record DecisionTags(Lane lane, Priority priority, String type, String client, SheddingPolicy.Decision decision) {
    }

    public Backpressure(LaneLagMonitor lags, BackpressureProperties properties, MeterRegistry meters) {
        this.lags = lags;
        this.properties = properties;
        this.policy = properties.policy();
        this.meters = meters;
    }

    public void admit(Lane lane, Priority priority, String type, String client) {
        long lag = lags.lag(lane);
        var decision = policy.decide(priority, lag, properties.healthyLagFor(lane));
        decisions.computeIfAbsent(new DecisionTags(lane, priority, type, client, decision), t -> meters.counter(
                "laneway.router.backpressure.decisions", "lane", Topics.laneName(lane), "priority", priority.name(),
                "type", type, "client", client, "decision", decision.name().toLowerCase())).increment();
        switch (decision) {
            case ACCEPT -> { }
            case SLOW -> pause();
            case SHED -> throw new TooManyRequestsException("Lane overloaded",
                    "The " + lane.name().toLowerCase() + " lane is " + lag + " messages behind; " + priority.name().toLowerCase()
                            + " priority work is shed until it recovers. Retry later or raise the priority of urgent work.",
                    Math.max(1, properties.refreshInterval().toSeconds() * 2));
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.slowDelay()); // deliberate push-back on the caller, on a virtual thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
