package io.laneway.pool.lane.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.laneway.pool.engine.LanePool;
import io.laneway.pool.lane.LanePools;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * This pool's lanes as they run now (scope {@code admin}): the concurrency limit the adaptive policy set, envelopes in
 * flight and buffered, the circuit breakers each lane waits on, and the lane group's lag. What the operator console's
 * lane view polls; Prometheus has the same figures as time series.
 */
@RestController
class LaneStatusController {

    private final LanePools pools;
    private final GroupLag lag;

    LaneStatusController(LanePools pools, GroupLag lag) {
        this.pools = pools;
        this.lag = lag;
    }

    /** @param lag records the lane's consumer group has yet to read, or null when Kafka did not answer in time */
    record LaneStatus(String lane, String topic, int concurrencyLimit, int inFlight, int buffered, Map<String, String> breakers, Long lag) {
    }

    @ApiResponse(responseCode = "200", description = "Every lane of this pool, now",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = """
                    [{"lane": "fast", "topic": "laneway.lane.fast", "concurrencyLimit": 16, "inFlight": 3, "buffered": 40,
                      "breakers": {"laneway-postgres": "CLOSED", "laneway-schema-registry": "CLOSED"}, "lag": 12}]""")))
    @GetMapping(path = "/v1/lanes", produces = "application/json")
    List<LaneStatus> lanes() {
        List<LaneStatus> lanes = new ArrayList<>();
        for (LanePool pool : pools.pools()) {
            lanes.add(new LaneStatus(pool.name(), pool.settings().topic(), pool.limit().limit(), pool.inFlight(), pool.buffered(),
                    pool.breakerStates(), lag.of(pool.settings().groupId(), pool.settings().topic(), Duration.ofSeconds(3))));
        }
        return lanes;
    }
}
