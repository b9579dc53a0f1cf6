package io.laneway.saga.query;

import java.time.Clock;
import java.time.Duration;

import io.laneway.contracts.order.OrderSagaState;
import io.laneway.saga.order.OrderSagaTopology;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where one order's saga stands now (scope {@code admin}): its step, the deadline of the reply it awaits, and why it
 * compensated. The order view (projection) tells the order's history; this tells what the orchestrator waits for. Read
 * from this instance's store: the chart runs one orchestrator; with more, ask each (a saga lives on one of them).
 */
@RestController
class SagaQueryController {

    private final StreamsBuilderFactoryBean streams;
    private final Clock clock;

    SagaQueryController(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
        this.clock = Clock.systemUTC();
    }

    /** @param deadlineInMillis from now to the step's deadline (negative: overdue); null in a terminal step */
    record Saga(String orderId, String step, String reason, String updatedAt, String stepDeadline, Long deadlineInMillis) {
    }

    @ApiResponse(responseCode = "200", description = "The saga's step and the deadline of the reply it awaits",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = """
                    {"orderId": "order-1", "step": "AWAITING_PAYMENT", "reason": null, "updatedAt": "2026-12-05T03:10:02.114Z",
                     "stepDeadline": "2026-12-05T03:10:32.114Z", "deadlineInMillis": 28113}""")))
    @GetMapping(path = "/v1/sagas/{id}", produces = {"application/json", "application/problem+json"})
    Saga saga(@PathVariable String id) {
        OrderSagaState state = store().get(id);
        if (state == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No saga for order '" + id + "' on this orchestrator.");
        }
        return new Saga(state.getOrderId(), state.getStep().name(), state.getReason(), state.getUpdatedAt().toString(),
                state.getStepDeadline() == null ? null : state.getStepDeadline().toString(),
                state.getStepDeadline() == null ? null : Duration.between(clock.instant(), state.getStepDeadline()).toMillis());
    }

    private ReadOnlyKeyValueStore<String, OrderSagaState> store() {
        KafkaStreams running = streams.getKafkaStreams();
        try {
            if (running == null || running.state() != KafkaStreams.State.RUNNING) {
                throw new InvalidStateStoreException("not running");
            }
            return running.store(StoreQueryParameters.fromNameAndType(OrderSagaTopology.STORE, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The saga store is not queryable right now (starting or "
                    + "rebalancing); try again in a few seconds.");
        }
    }
}
