package io.laneway.projection.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.contracts.projection.MessageStep;

/**
 * How one lifecycle event changes a message's status view. Pure, so the rules read as a table:
 * events can arrive out of order (the router's ROUTED and the pool's COMPLETED travel on different
 * producers), so a view only moves forward: a later attempt beats an earlier one, and within an attempt
 * a later stage beats an earlier one. Terminal states stay terminal for their attempt, except that news from after a
 * DEAD_LETTERED (a replay, which starts again at attempt 1) moves the view on. The time each status was
 * first seen is kept whatever the order of arrival, so a late ROUTED still fills in its timestamp. The owner (the
 * publishing client) is the first one any event names, and never changes after that. The payload (JSON, carried by
 * FAILED and DEAD_LETTERED only) is the latest one a moving event brought, kept by the events that bring none. Every
 * event is also kept as a step of the history (each attempt, failure and retry, in time order), and the first trace id.
 */
public final class StatusTransition {

    private StatusTransition() {
    }

    /** Steps a view keeps: a message retried through every tier and replayed a few times stays well within it. */
    static final int HISTORY = 50;

    public static MessageStatusView apply(MessageStatusView current, LifecycleEvent event) {
        Map<String, Instant> timestamps = new HashMap<>(current == null ? Map.of() : current.getTimestamps());
        timestamps.merge(event.getStatus().name(), event.getOccurredAt(), (a, b) -> a.isBefore(b) ? a : b);
        String owner = current != null && current.getOwner() != null ? current.getOwner() : event.getClient();
        String traceId = current != null && current.getTraceId() != null ? current.getTraceId() : event.getTraceId();
        List<MessageStep> history = history(current == null ? List.of() : current.getHistory(), event);
        if (current != null && !supersedes(event, current)) {
            return timestamps.equals(current.getTimestamps()) && Objects.equals(owner, current.getOwner())
                    && Objects.equals(traceId, current.getTraceId()) && history.equals(current.getHistory()) ? current
                    : MessageStatusView.newBuilder(current).setTimestamps(timestamps).setOwner(owner).setTraceId(traceId)
                    .setHistory(history).build();
        }
        return MessageStatusView.newBuilder()
                .setTimestamps(timestamps)
                .setMessageId(event.getMessageId())
                .setType(event.getType())
                .setStatus(event.getStatus())
                .setLane(event.getLane() != null ? event.getLane() : current == null ? null : current.getLane())
                .setAttempt(event.getAttempt())
                .setUpdatedAt(event.getOccurredAt())
                .setDurationMillis(event.getDurationMillis())
                .setError(event.getError())
                .setOwner(owner)
                .setTraceId(traceId)
                .setHistory(history)
                .setPayload(event.getPayload() != null ? event.getPayload() : current == null ? null : current.getPayload())
                .build();
    }

    /**
     * The steps with this event's added in time order (arrival order is not time order), once however often it is
     * redelivered, the latest {@link #HISTORY} kept.
     */
    static List<MessageStep> history(List<MessageStep> steps, LifecycleEvent event) {
        MessageStep step = MessageStep.newBuilder().setStatus(event.getStatus()).setAttempt(event.getAttempt())
                .setAt(event.getOccurredAt()).setError(event.getError()).setDurationMillis(event.getDurationMillis()).build();
        if (steps.contains(step)) {
            return steps;
        }
        List<MessageStep> added = new ArrayList<>(steps);
        added.add(step);
        added.sort(Comparator.comparing(MessageStep::getAt).thenComparingInt(MessageStep::getAttempt)
                .thenComparingInt(s -> stage(s.getStatus())));
        return added.size() > HISTORY ? List.copyOf(added.subList(added.size() - HISTORY, added.size())) : added;
    }

    static boolean supersedes(LifecycleEvent event, MessageStatusView current) {
        if (current.getStatus() == MessageStatus.DEAD_LETTERED && event.getOccurredAt().isAfter(current.getUpdatedAt())) {
            return true; // an operator replayed it: the replay starts again at attempt 1, after the letter was written
        }
        if (event.getAttempt() != current.getAttempt()) {
            return event.getAttempt() > current.getAttempt();
        }
        return stage(event.getStatus()) >= stage(current.getStatus());
    }

    /** Position in one attempt's life; the terminal outcomes share the last position. */
    static int stage(MessageStatus status) {
        return switch (status) {
            case ACCEPTED -> 0;
            case ROUTED -> 1;
            case PROCESSING -> 2;
            case FAILED, COMPLETED, DEAD_LETTERED -> 3;
        };
    }
}
