package io.laneway.projection.lanes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationHistogramTest {

    @ParameterizedTest(name = "{0} ms lands in a bucket whose bound is {1} ms")
    @CsvSource({"0, 1", "1, 1", "2, 2", "3, 3", "5, 5", "6, 6", "100, 108", "1000, 1024", "1024, 1024", "30000, 32768"})
    void aDurationIsReportedAtMostOneBucketHigh(long millis, long bound) {
        assertThat(DurationHistogram.upperBoundMillis(DurationHistogram.bucketOf(millis))).isEqualTo(bound);
    }

    @Test
    void theP95IsWithinTheBucketResolutionOfTheExactOne() {
        Random random = new Random(42);
        List<Long> buckets = List.of();
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long millis = (long) Math.exp(random.nextGaussian() + 4); // log-normal around 55 ms
            samples.add(millis);
            buckets = DurationHistogram.record(buckets, millis);
        }
        samples.sort(null);
        long exact = samples.get((int) Math.ceil(0.95 * samples.size()) - 1);

        assertThat(DurationHistogram.percentile(buckets, 0.95)).isBetween(exact, (long) Math.ceil(exact * 1.19));
    }

    @Test
    void mergedHistogramsEqualOneHistogramOfAllDurations() {
        List<Long> a = List.of();
        List<Long> b = List.of();
        List<Long> all = List.of();
        for (long millis : new long[] {3, 50, 700, 12, 9000}) {
            a = DurationHistogram.record(a, millis);
            all = DurationHistogram.record(all, millis);
        }
        for (long millis : new long[] {1, 80_000}) {
            b = DurationHistogram.record(b, millis);
            all = DurationHistogram.record(all, millis);
        }
        assertThat(DurationHistogram.merge(a, b)).isEqualTo(all);
        assertThat(DurationHistogram.merge(b, a)).isEqualTo(all);
        assertThat(DurationHistogram.percentile(List.of(), 0.95)).isNull();
    }
}
