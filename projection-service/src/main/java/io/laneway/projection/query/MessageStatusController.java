package io.laneway.projection.query;

import io.laneway.contracts.projection.MessageStatusView;
import io.laneway.projection.status.MessageStatusTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/messages/{id}}: the message's status, read from the local state store. */
@RestController
public class MessageStatusController {

    public record MessageStatusResponse(String id, String type, String status, String lane, int attempt,
                                        String updatedAt, Long durationMillis, String error) {
        static MessageStatusResponse of(MessageStatusView v) {
            return new MessageStatusResponse(v.getMessageId(), v.getType(), v.getStatus().name(),
                    v.getLane() == null ? null : v.getLane().name(), v.getAttempt(), v.getUpdatedAt().toString(),
                    v.getDurationMillis(), v.getError());
        }
    }

    private final StreamsBuilderFactoryBean streams;

    public MessageStatusController(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/v1/messages/{id}", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> status(@PathVariable String id) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return unavailable();
        }
        try {
            ReadOnlyKeyValueStore<String, MessageStatusView> store = kafkaStreams.store(
                    StoreQueryParameters.fromNameAndType(MessageStatusTopology.STORE, QueryableStoreTypes.keyValueStore()));
            MessageStatusView view = store.get(id);
            if (view == null) {
                return problem(HttpStatus.NOT_FOUND, "Unknown message",
                        "No message with id '" + id + "' is known yet. A just-published message appears within moments.");
            }
            return ResponseEntity.ok(MessageStatusResponse.of(view));
        } catch (InvalidStateStoreException e) {
            return unavailable();
        }
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(HttpStatus.SERVICE_UNAVAILABLE, "Read model not ready",
                        "The status store is starting or rebalancing; retry in a moment."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail(status, title, detail));
    }

    private static ProblemDetail detail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
