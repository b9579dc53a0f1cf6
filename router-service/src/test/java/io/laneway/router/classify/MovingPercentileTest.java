package io.laneway.router.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MovingPercentileTest {

    @ParameterizedTest(name = "{0} samples 1..{0} in a window of {1}: p{2} = {3}")
    @CsvSource({
            "0,   100, 0.95, 0",
            "1,   100, 0.95, 1",
            "100, 100, 0.95, 95",
            "100, 100, 0.50, 50",
            "100, 100, 1.00, 100",
            "200, 100, 0.95, 195",   // only the last 100 samples (101..200) count
            "20,  100, 0.95, 19",
    })
    void nearestRank(int samples, int window, double p, long expected) {
        MovingPercentile percentile = new MovingPercentile(window);
        LongStream.rangeClosed(1, samples).forEach(percentile::add);

        assertThat(percentile.percentile(p)).isEqualTo(expected);
    }
}
