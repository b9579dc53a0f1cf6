package io.laneway.pool.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlerTimesTest {

    @ParameterizedTest(name = "average {0}, sample {1} -> {2}")
    @CsvSource(textBlock = """
            NaN,  60,  60
            10,   10,  10
            10,   110, 20
            100,  0,   90
            """)
    void eachSampleMovesTheAverageATenthOfTheWay(double average, double sample, double next) {
        assertThat(HandlerTimes.next(average, sample)).isCloseTo(next, within(1e-9));
    }

    @Test
    void typesAreTrackedApartAndAnUnknownOneHasNoEstimate() {
        HandlerTimes times = new HandlerTimes();
        for (int i = 0; i < 50; i++) {
            times.record("order.ship", TimeUnit.MILLISECONDS.toNanos(60));
            times.record("order.place", TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(times.typicalMillis("order.ship")).isCloseTo(60, within(0.01));
        assertThat(times.typicalMillis("order.place")).isCloseTo(1, within(0.01));
        assertThat(times.typicalMillis("never.seen")).isNaN();
        assertThat(times.typicalMillis(null)).isNaN();
        assertThat(times.types()).containsExactlyInAnyOrder("order.ship", "order.place");
    }

    @Test
    void pastTheCapNewTypesAreNotTracked() {
        HandlerTimes times = new HandlerTimes();
        for (int i = 0; i < HandlerTimes.MAX_TYPES + 5; i++) {
            times.record("type-" + i, 1_000_000);
        }
        assertThat(times.typicalMillis("type-0")).isEqualTo(1.0);
        assertThat(times.typicalMillis("type-" + (HandlerTimes.MAX_TYPES + 1))).isNaN();
        assertThat(times.types()).hasSize(HandlerTimes.MAX_TYPES);
    }
}
