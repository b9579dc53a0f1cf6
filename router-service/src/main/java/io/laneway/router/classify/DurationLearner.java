package io.laneway.router.classify;

import io.laneway.contracts.BackgroundFetch;
import io.laneway.router.config.RouterProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.laneway.contracts.Topics;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns how long each type really takes from the pool's COMPLETED events (per-type moving p95), so a
 * type that becomes slow moves to the long-running lane without a redeploy. Every replica reads every
 * event (its own consumer group, latest offsets, never committed: {@link LearnerListenerFactory}): the estimate is
 * local, cheap, and converges quickly.
 */
@Component
public class DurationLearner {

    private final ConcurrentMap<String, MovingPercentile> byType = new ConcurrentHashMap<>();
    private final int window;
    private final int minimumSamples;
    private final MeterRegistry meters;

    public DurationLearner(RouterProperties router, MeterRegistry meters) {
        this.window = router.learning().window();
        this.minimumSamples = router.learning().minimumSamples();
        this.meters = meters;
    }

    @KafkaListener(id = "router-duration-learner", topics = Topics.LIFECYCLE, containerFactory = LearnerListenerFactory.NAME,
            groupId = "laneway-router-learner-${random.uuid}",
            properties = {"auto.offset.reset=latest", BackgroundFetch.MIN_BYTES, BackgroundFetch.MAX_WAIT})
    void onLifecycle(LifecycleEvent event) {
        if (event.getStatus() == MessageStatus.COMPLETED && event.getDurationMillis() != null) {
            record(event.getType(), event.getDurationMillis());
        }
    }

    public void record(String type, long durationMillis) {
        byType.computeIfAbsent(type, t -> {
            MovingPercentile p = new MovingPercentile(window);
            Gauge.builder("laneway.router.learned.p95", p, q -> q.percentile(0.95) / 1000.0).baseUnit("seconds")
                    .tag("type", t).register(meters);
            return p;
        }).add(durationMillis);
    }

    /** The learned p95, once there are enough samples to trust it. */
    public Optional<Duration> p95(String type) {
        MovingPercentile p = byType.get(type);
        if (p == null || p.size() < minimumSamples) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(p.percentile(0.95)));
    }
}
