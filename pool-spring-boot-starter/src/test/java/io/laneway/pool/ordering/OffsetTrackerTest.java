package io.laneway.pool.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffsetTrackerTest {

    @ParameterizedTest(name = "tracked {0}, completed {1} -> commit {2}")
    @CsvSource(delimiter = '|', value = {
            // tracked      | completed (in this order) | committable (-1 = nothing yet)
            "10 11 12       | 11 12                      | -1",
            "10 11 12       | 10                         | 11",
            "10 11 12       | 12 10                      | 11",
            "10 11 12       | 12 11 10                   | 13",
            "10 11 12 13    | 10 11 13                   | 12",
            "5 9 20         | 5 9                        | 10",   // gaps in offsets (compaction, transactions) are fine
            "10 11          | 99                         | -1",   // a completion from before a rebalance is ignored
    })
    void commitsOnlyTheContiguousFinishedPrefix(String tracked, String completed, long expected) {
        OffsetTracker tracker = new OffsetTracker();
        longs(tracked).forEach(tracker::track);
        longs(completed).forEach(tracker::complete);
        assertThat(tracker.committable().orElse(-1)).isEqualTo(expected);
    }

    private static java.util.stream.LongStream longs(String text) {
        return Arrays.stream(text.trim().split("\\s+")).mapToLong(Long::parseLong);
    }
}
