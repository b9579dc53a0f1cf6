package io.laneway.contracts.lifecycle;

import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.contracts.serde.PayloadText;

/**
 * The lifecycle events every service reports about an envelope (keyed by message id on the lifecycle topic): one
 * factory, so the router's ROUTED and the pool's outcomes carry the same fields.
 */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    public static LifecycleEvent of(Envelope envelope, MessageStatus status) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(envelope.getId())
                .setStatus(status)
                .setType(envelope.getType())
                .setLane(envelope.getRouting().getLane())
                .setOccurredAt(Instant.now())
                .setAttempt(envelope.getRouting().getAttempt())
                .setTraceId(envelope.getMetadata().getTraceId())
                .setClient(envelope.getMetadata().getSource())
                .setCorrelationId(envelope.getMetadata().getCorrelationId())
                .build();
    }

    /** After the router's write was acknowledged. */
    public static LifecycleEvent routed(Envelope envelope) {
        return of(envelope, MessageStatus.ROUTED);
    }

    public static LifecycleEvent completed(Envelope envelope, long handlerNanos) {
        LifecycleEvent event = of(envelope, MessageStatus.COMPLETED);
        event.setDurationMillis(handlerNanos / 1_000_000);
        return event;
    }

    /**
     * FAILED or DEAD_LETTERED, with the payload as JSON for the people who look at a failure (null when the registry
     * cannot describe it just now: the event is informational and must not fail the work it reports on).
     */
    public static LifecycleEvent failed(Envelope envelope, MessageStatus status, Throwable error, long handlerNanos,
                                        SchemaRegistryClient registry) {
        LifecycleEvent event = of(envelope, status);
        event.setDurationMillis(handlerNanos / 1_000_000);
        event.setError(summary(error));
        event.setPayload(PayloadText.jsonOrNull(PayloadCodec.bytes(envelope.getPayload()), registry));
        return event;
    }

    /** DEAD_LETTERED for a record whose bytes could not be decoded, named by its headers. */
    public static LifecycleEvent undecodable(String messageId, String type, Lane lane, Throwable error) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(messageId)
                .setStatus(MessageStatus.DEAD_LETTERED)
                .setType(type != null ? type : "(undecodable)")
                .setLane(lane)
                .setOccurredAt(Instant.now())
                .setError(summary(error))
                .build();
    }

    public static LifecycleEvent progress(Envelope envelope, int percentDone) {
        LifecycleEvent event = of(envelope, MessageStatus.PROCESSING);
        event.setProgressPercent(percentDone);
        return event;
    }

    /** {@code SimpleName: message} of the root cause. */
    static String summary(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
