package io.laneway.router.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaneClassifierTest {

    private final LaneClassifier classifier = new LaneClassifier(Duration.ofSeconds(30));

    @ParameterizedTest(name = "{0} {1} expected {2} s -> {3}")
    @CsvSource({
            // priority, cost class,        expected s, lane
            "CRITICAL, COMPUTE_INTENSIVE,   600,        FAST",
            "CRITICAL, LIGHT,               600,        FAST",
            "HIGH,     COMPUTE_INTENSIVE,   1,          HEAVY",
            "LOW,      COMPUTE_INTENSIVE,   600,        HEAVY",
            "NORMAL,   LIGHT,               31,         LONG_RUNNING",
            "LOW,      LIGHT,               120,        LONG_RUNNING",
            "NORMAL,   LIGHT,               30,         FAST",
            "HIGH,     LIGHT,               0,          FAST",
    })
    void classifies(Priority priority, CostClass cost, long expectedSeconds, Lane lane) {
        assertThat(classifier.classify(priority, cost, Duration.ofSeconds(expectedSeconds))).isEqualTo(lane);
    }
}
