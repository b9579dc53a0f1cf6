package io.laneway.router.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneway.contracts.envelope.Priority;
import io.laneway.router.backpressure.SheddingPolicy.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SheddingPolicyTest {

    private final SheddingPolicy policy = SheddingPolicy.defaults(); // shed LOW > 2x, NORMAL > 4x, HIGH > 8x

    @ParameterizedTest(name = "{0} at lag {1} (healthy 100) -> {2}")
    @CsvSource({
            "LOW,      100,     ACCEPT",
            "LOW,      101,     SLOW",
            "LOW,      200,     SLOW",
            "LOW,      201,     SHED",
            "NORMAL,   201,     SLOW",
            "NORMAL,   401,     SHED",
            "HIGH,     401,     SLOW",
            "HIGH,     801,     SHED",
            "CRITICAL, 100,     ACCEPT",
            "CRITICAL, 1000000, SLOW",   // critical is never shed
    })
    void decides(Priority priority, long lag, Decision expected) {
        assertThat(policy.decide(priority, lag, 100)).isEqualTo(expected);
    }
}
