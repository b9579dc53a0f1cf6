package io.laneway.pool.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdPolicyTest {

    private final ThresholdPolicy policy = ThresholdPolicy.defaults();

    @ParameterizedTest(name = "{0}: limit {1} -> {8}")
    @CsvSource({
            // case,                       limit, cpu,  errors, p95 ms, finished, saturated, _, expected
            "cpu high shrinks x0.7,         20,   0.85, 0.00,   100,    100,      true,      _, 14",
            "errors high shrink,            20,   0.30, 0.06,   100,    100,      true,      _, 14",
            "p95 high shrinks,              20,   0.30, 0.00,   6000,   100,      true,      _, 14",
            "comfortable and busy grows +5, 20,   0.30, 0.00,   200,    100,      true,      _, 25",
            "comfortable but idle holds,    20,   0.30, 0.00,   200,    100,      false,     _, 20",
            "in between holds,              20,   0.65, 0.02,   2000,   100,      true,      _, 20",
            "never above 100,               98,   0.10, 0.00,   10,     100,      true,      _, 100",
            "never below 1,                 1,    0.95, 0.50,   9000,   100,      true,      _, 1",
            "too few samples holds,         20,   0.95, 0.50,   9000,   3,        true,      _, 20",
            "unknown cpu does not grow,     20,   -1,   0.00,   10,     100,      true,      _, 20",
    })
    void decidesTheNextLimit(String name, int limit, double cpu, double errors, double p95, long finished, boolean saturated,
                             String unused, int expected) {
        assertThat(policy.next(limit, new LaneSignals(cpu, errors, p95, finished, finished, saturated))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "handler {0} ms, target {1} ms, max {2} -> batch {3}")
    @CsvSource({
            "1,    50, 200, 50",
            "0.1,  50, 200, 200",
            "10,   50, 200, 5",
            "500,  50, 200, 1",
            "0,    50, 200, 200",
    })
    void batchHoldsAboutTheTargetHandlerTime(double handlerMillis, double target, int max, int expected) {
        assertThat(BatchSizing.next(handlerMillis, target, max)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ready keys, {1} workers, max {2} -> at least {3}")
    @CsvSource({
            "0,    48, 200, 1",   // nothing waits
            "10,   48, 200, 1",   // the workers keep up: the time budget alone cuts batches
            "48,   48, 200, 1",
            "49,   48, 200, 2",   // one more than the workers: some take two
            "200,  48, 200, 5",   // a backlog: an even share each (200 / 48, rounded up)
            "5000, 48, 100, 100", // never past the batch cap
            "7,    0,  200, 1",   // no workers counted yet
    })
    void underABacklogEachWorkerTakesItsShare(int readyKeys, int workers, int max, int expected) {
        assertThat(BatchSizing.backlogShare(readyKeys, workers, max)).isEqualTo(expected);
    }
}
