package io.laneway.projection.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.projection.MessageStatusView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTransitionTest {

    @org.junit.jupiter.api.BeforeAll
    static void trustContracts() { // builders deep-copy: alone (no serde loaded first) this test needs it itself
        io.laneway.contracts.AvroContracts.trustGeneratedClasses();
    }

    @ParameterizedTest(name = "{0}#{1} then {2}#{3} -> {4}")
    @CsvSource({
            // current,    attempt, event,         attempt, result
            "ROUTED,       1,       COMPLETED,     1,       COMPLETED",
            "COMPLETED,    1,       ROUTED,        1,       COMPLETED",     // late ROUTED never undoes completion
            "PROCESSING,   1,       ROUTED,        1,       PROCESSING",
            "ACCEPTED,     1,       PROCESSING,    1,       PROCESSING",
            "FAILED,       1,       PROCESSING,    2,       PROCESSING",    // a retry is a new attempt
            "FAILED,       2,       COMPLETED,     1,       FAILED",        // an older attempt's news is stale
            "PROCESSING,   3,       DEAD_LETTERED, 3,       DEAD_LETTERED",
            "DEAD_LETTERED,1,       COMPLETED,     2,       COMPLETED",     // replayed by an operator
    })
    void movesOnlyForward(MessageStatus current, int currentAttempt, MessageStatus event, int eventAttempt, MessageStatus result) {
        MessageStatusView view = StatusTransition.apply(null, event(current, currentAttempt));

        assertThat(StatusTransition.apply(view, event(event, eventAttempt)).getStatus()).isEqualTo(result);
    }

    @ParameterizedTest(name = "{0} then {1} then {2} -> owner {3}")
    @CsvSource(nullValues = "-", value = {
            // first event's client, second's,   third's,   owner
            "alice,                   alice,     alice,     alice",
            "alice,                   -,         -,         alice",   // the pool's events before the client field
            "-,                       alice,     -,         alice",   // a COMPLETED without a client arrived before ROUTED
            "alice,                   mallory,   mallory,   alice",   // the first named owner is kept
            "-,                       -,         -,         -",       // an old view: no owner known
    })
    void theOwnerIsTheFirstClientNamedAndNeverChanges(String first, String second, String third, String owner) {
        MessageStatusView view = StatusTransition.apply(null, event(MessageStatus.ROUTED, 1, first));
        view = StatusTransition.apply(view, event(MessageStatus.COMPLETED, 1, second));
        view = StatusTransition.apply(view, event(MessageStatus.ROUTED, 1, third)); // stale: changes no status

        assertThat(view.getOwner()).isEqualTo(owner);
        assertThat(view.getStatus()).isEqualTo(MessageStatus.COMPLETED);
    }

    @org.junit.jupiter.api.Test
    void aReplayedDeadLetterMovesForwardAgainThoughItStartsAtAttemptOne() {
        MessageStatusView dead = StatusTransition.apply(null, at(event(MessageStatus.DEAD_LETTERED, 3), 100));

        MessageStatusView stale = StatusTransition.apply(dead, at(event(MessageStatus.FAILED, 2), 90));
        MessageStatusView replayed = StatusTransition.apply(dead, at(event(MessageStatus.COMPLETED, 1), 200));

        assertThat(stale.getStatus()).as("news from before the letter is stale").isEqualTo(MessageStatus.DEAD_LETTERED);
        assertThat(replayed.getStatus()).isEqualTo(MessageStatus.COMPLETED);
        assertThat(replayed.getAttempt()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void aFailureBringsThePayloadAndLaterEventsKeepIt() {
        MessageStatusView routed = StatusTransition.apply(null, event(MessageStatus.ROUTED, 1));
        MessageStatusView failed = StatusTransition.apply(routed, withPayload(event(MessageStatus.FAILED, 1), "{\"name\":\"Ada\"}"));
        MessageStatusView retrying = StatusTransition.apply(failed, event(MessageStatus.PROCESSING, 2));
        MessageStatusView dead = StatusTransition.apply(retrying, withPayload(event(MessageStatus.DEAD_LETTERED, 2), "{\"name\":\"Bea\"}"));

        assertThat(routed.getPayload()).as("nothing failed: no copy of the payload").isNull();
        assertThat(failed.getPayload()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(retrying.getPayload()).as("an event without one keeps it").isEqualTo("{\"name\":\"Ada\"}");
        assertThat(dead.getPayload()).as("the latest one wins").isEqualTo("{\"name\":\"Bea\"}");
    }

    @org.junit.jupiter.api.Test
    void everyEventIsAStepOfTheHistoryInTimeOrderOnceEvenWhenStaleOrRedelivered() {
        LifecycleEvent failed = withError(at(event(MessageStatus.FAILED, 1), 20), "IllegalStateException: gateway said 503");
        MessageStatusView view = StatusTransition.apply(null, failed);
        view = StatusTransition.apply(view, at(event(MessageStatus.ROUTED, 1), 10)); // late: arrives after the failure
        view = StatusTransition.apply(view, withError(at(event(MessageStatus.FAILED, 2), 30), "IllegalStateException: gateway said 503"));
        view = StatusTransition.apply(view, failed); // redelivered
        view = StatusTransition.apply(view, at(event(MessageStatus.COMPLETED, 3), 40));

        assertThat(view.getHistory()).extracting(s -> s.getStatus() + "#" + s.getAttempt() + "@" + s.getAt().getEpochSecond() + " " + s.getError())
                .containsExactly("ROUTED#1@10 null", "FAILED#1@20 IllegalStateException: gateway said 503",
                        "FAILED#2@30 IllegalStateException: gateway said 503", "COMPLETED#3@40 null");
        assertThat(view.getTraceId()).as("the first event's trace").isEqualTo("trace-1");
    }

    @org.junit.jupiter.api.Test
    void theHistoryKeepsTheLatestStepsOnly() {
        MessageStatusView view = null;
        for (int attempt = 1; attempt <= StatusTransition.HISTORY + 10; attempt++) {
            view = StatusTransition.apply(view, at(event(MessageStatus.FAILED, attempt), attempt));
        }

        assertThat(view.getHistory()).hasSize(StatusTransition.HISTORY);
        assertThat(view.getHistory().getLast().getAttempt()).isEqualTo(StatusTransition.HISTORY + 10);
    }

    private static LifecycleEvent withError(LifecycleEvent event, String error) {
        event.setError(error);
        return event;
    }

    private static LifecycleEvent withPayload(LifecycleEvent event, String payload) {
        event.setPayload(payload);
        return event;
    }

    private static LifecycleEvent at(LifecycleEvent event, long epochSecond) {
        event.setOccurredAt(Instant.ofEpochSecond(epochSecond));
        return event;
    }

    private static LifecycleEvent event(MessageStatus status, int attempt) {
        return event(status, attempt, null);
    }

    private static LifecycleEvent event(MessageStatus status, int attempt, String client) {
        return LifecycleEvent.newBuilder().setEventId("e").setMessageId("m-1").setStatus(status).setType("demo.greet")
                .setLane(Lane.FAST).setOccurredAt(Instant.EPOCH).setAttempt(attempt).setClient(client).setTraceId("trace-1").build();
    }
}
