package io.laneway.pool.processing;

import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;

/** The lifecycle events the pool reports about an envelope (keyed by message id on the lifecycle topic). */
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
                .build();
    }

    public static LifecycleEvent completed(Envelope envelope, long handlerNanos) {
        LifecycleEvent event = of(envelope, MessageStatus.COMPLETED);
        event.setDurationMillis(handlerNanos / 1_000_000);
        return event;
    }

    public static LifecycleEvent failed(Envelope envelope, MessageStatus status, Throwable error, long handlerNanos) {
        LifecycleEvent event = of(envelope, status);
        event.setDurationMillis(handlerNanos / 1_000_000);
        event.setError(Errors.summary(error));
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
                .setError(Errors.summary(error))
                .build();
    }

    public static LifecycleEvent progress(Envelope envelope, int percentDone) {
        LifecycleEvent event = of(envelope, MessageStatus.PROCESSING);
        event.setProgressPercent(percentDone);
        return event;
    }
}
