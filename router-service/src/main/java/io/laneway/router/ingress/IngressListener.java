package io.laneway.router.ingress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Routing;
import io.laneway.router.classify.LaneClassifier;
import io.laneway.router.classify.LaneRouter;
import io.laneway.router.catalog.Catalog;
import io.laneway.router.publish.AcceptedMessages;
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

    private final Catalog catalog;
    private final LaneRouter router;
    private final EnvelopePublisher publisher;
    private final KafkaTemplate<String, Object> kafka;
    private final MeterRegistry meters;
    private final AcceptedMessages accepted;

    public IngressListener(Catalog catalog, LaneRouter router, EnvelopePublisher publisher,
                           KafkaTemplate<String, Object> kafka, MeterRegistry meters, AcceptedMessages accepted) {
        this.accepted = accepted;
        this.catalog = catalog;
        this.router = router;
        this.publisher = publisher;
        this.kafka = kafka;
        this.meters = meters;
    }

    /**
     * A poll's envelopes are classified and all put in flight, then every lane write's ack is awaited before the
     * offsets are committed (the container commits after this returns). If one write fails, the exception makes the
     * container deliver the poll again: the lane may then hold an envelope twice, and the pool's idempotency (message
     * id) absorbs it. One consumer thread per ingress partition ({@code laneway.router.ingress.concurrency}).
     *
     * <p>{@code read_committed}: the saga writes its commands in Kafka transactions (exactly_once_v2), and a command of an
     * aborted transaction was never sent; reading it uncommitted would execute a step the saga then runs again.
     *
     * <p>Why a batch: awaiting each command's ack before reading the next allowed one ack round trip at a time per
     * thread, and the saga's commands queued here (benchmarks/results/saga.md).
     */
    @KafkaListener(id = "router-ingress", topics = Topics.INGRESS, groupId = "laneway-router-ingress", batch = "true",
            concurrency = "${laneway.router.ingress.concurrency:6}", properties = {"auto.offset.reset=earliest", "isolation.level=read_committed"})
    void onIngress(List<Envelope> envelopes) {
        List<Envelope> routed = new ArrayList<>(envelopes.size());
        List<CompletableFuture<?>> writes = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            try (var m1 = MDC.putCloseable("messageId", envelope.getId());
                 var m2 = MDC.putCloseable("traceId", envelope.getMetadata().getTraceId())) {
                Envelope stamped = route(envelope);
                if (stamped != null) {
                    routed.add(stamped);
                    writes.add(publisher.send(stamped));
                }
            }
        }
        for (int i = 0; i < routed.size(); i++) {
            Envelope envelope = routed.get(i);
            publisher.await(writes.get(i));
            publisher.announceRouted(envelope);
            accepted.count(envelope, "ingress:" + envelope.getMetadata().getSource());
        }
    }

    /** The envelope classified and stamped for its lane; null if its type is unknown (then it is dead-lettered). */
    private Envelope route(Envelope envelope) {
        var spec = catalog.find(envelope.getType());
        if (spec.isEmpty()) {
            kafka.send(Topics.DEAD_LETTER, envelope.getOrderingKey(), envelope).join();
            meters.counter("laneway.router.ingress.rejected", "type", envelope.getType()).increment();
            log.warn("Ingress envelope {} has unknown type {}: dead-lettered", envelope.getId(), envelope.getType());
            return null;
        }
        Lane lane = router.laneFor(envelope.getType(), envelope.getPriority(), spec.get());
        Instant now = Instant.now();
        Routing previous = envelope.getRouting();
        return Envelope.newBuilder(envelope).setRouting(Routing.newBuilder()
                .setLane(lane).setRoutedAt(now).setRoutingVersion(LaneClassifier.ROUTING_VERSION)
                .setAttempt(previous == null ? 1 : previous.getAttempt())
                .setDeadline(previous != null && previous.getDeadline() != null ? previous.getDeadline() : now.plus(spec.get().timeout()))
                .setMaxAttempts(spec.get().maxAttempts())
                .build()).build();
    }
}
