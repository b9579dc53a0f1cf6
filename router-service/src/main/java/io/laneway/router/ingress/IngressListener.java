package io.laneway.router.ingress;

import java.time.Instant;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Routing;
import io.laneway.router.classify.LaneClassifier;
import io.laneway.router.classify.LaneRouter;
import io.laneway.router.classify.TypeCatalog;
import io.laneway.router.publish.EnvelopePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Internal producers (the saga's commands) publish envelopes to {@code laneway.ingress}; they are
 * classified and stamped exactly like REST traffic, then written to their lane. Offsets are committed
 * after the lane write is acknowledged: a crash redelivers, and the pool's idempotency (message id)
 * absorbs the duplicate. Internal traffic is not rate-limited or shed: it is the platform's own work.
 */
@Component
public class IngressListener {

    private static final Logger log = LoggerFactory.getLogger(IngressListener.class);

    private final TypeCatalog catalog;
    private final LaneRouter router;
    private final EnvelopePublisher publisher;
    private final KafkaTemplate<String, Object> kafka;
    private final MeterRegistry meters;

    public IngressListener(TypeCatalog catalog, LaneRouter router, EnvelopePublisher publisher,
                           KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
        this.catalog = catalog;
        this.router = router;
        this.publisher = publisher;
        this.kafka = kafka;
        this.meters = meters;
    }

    /**
     * One consumer thread per ingress partition by default ({@code laneway.router.ingress.concurrency}): each record
     * waits for its lane write's ack before its offset may be committed, so one thread alone capped the saga's commands
     * at one ack round trip each.
     */
    @KafkaListener(id = "router-ingress", topics = Topics.INGRESS, groupId = "laneway-router-ingress",
            concurrency = "${laneway.router.ingress.concurrency:6}", properties = {"auto.offset.reset=earliest"})
    void onIngress(Envelope envelope) {
        try (var m1 = MDC.putCloseable("messageId", envelope.getId());
             var m2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
            var spec = catalog.find(envelope.getType());
            if (spec.isEmpty()) {
                kafka.send(Topics.DEAD_LETTER, envelope.getOrderingKey(), envelope).join();
                meters.counter("laneway.router.ingress.rejected", "type", envelope.getType()).increment();
                log.warn("Ingress envelope {} has unknown type {}: dead-lettered", envelope.getId(), envelope.getType());
                return;
            }
            Lane lane = router.laneFor(envelope.getType(), envelope.getPriority(), spec.get());
            Instant now = Instant.now();
            Routing previous = envelope.getRouting();
            Envelope routed = Envelope.newBuilder(envelope).setRouting(Routing.newBuilder()
                    .setLane(lane).setRoutedAt(now).setRoutingVersion(LaneClassifier.ROUTING_VERSION)
                    .setAttempt(previous == null ? 1 : previous.getAttempt())
                    .setDeadline(previous != null && previous.getDeadline() != null ? previous.getDeadline() : now.plus(spec.get().timeout()))
                    .setMaxAttempts(spec.get().maxAttempts())
                    .build()).build();
            publisher.publish(routed);
            meters.counter("laneway.router.messages.accepted", "lane", lane.name(), "priority", envelope.getPriority().name(),
                    "type", envelope.getType(), "client", "ingress:" + envelope.getMetadata().getSource()).increment();
        }
    }
}
