package io.laneway.pool.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LaneLimitTest {

    private final LaneLimit limit = new LaneLimit(ThresholdPolicy.defaults(), 4, 200, 50);

    @Test
    void aKnownTypeCostsItsUsualHandlerTime() {
        for (int i = 0; i < 40; i++) {
            limit.recordSuccess("order.ship", TimeUnit.MILLISECONDS.toNanos(60));
        }
        assertThat(limit.expectedMillis("order.ship")).isCloseTo(60, within(0.5));
    }

    @Test
    void anUnknownTypeCostsTheLanesShareSoASingleTypeLaneBatchesAsBefore() {
        assertThat(limit.expectedMillis(null)).as("no sample yet: batches of one").isEqualTo(50.0);
        for (int i = 0; i < 100; i++) {
            limit.recordSuccess("demo.work", TimeUnit.MILLISECONDS.toNanos(2));
        }
        limit.adjust(0.3, true);
        assertThat(limit.batchSize()).as("50 ms / a p50 of 2 ms (as the histogram rounds it)").isBetween(24, 25);
        assertThat(limit.expectedMillis(null)).as("target / the p50's batch size").isEqualTo(50.0 / limit.batchSize());
        assertThat(limit.expectedMillis("demo.work")).isCloseTo(2.0, within(0.01));
    }
}
