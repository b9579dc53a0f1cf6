package io.laneway.pool.lane.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {

    private static final TopicPartition P0 = new TopicPartition("laneway.lane.fast", 0);
    private static final TopicPartition P1 = new TopicPartition("laneway.lane.fast", 1);

    @Test
    void lagIsEndMinusCommittedPerPartitionSummed() {
        assertThat(GroupLag.lag(Map.of(P0, 100L, P1, 50L), Map.of(P0, 90L, P1, 50L))).isEqualTo(10);
    }

    @Test
    void aPartitionNeverCommittedCountsFromTheStart() {
        assertThat(GroupLag.lag(Map.of(P0, 100L, P1, 7L), Map.of(P0, 100L))).isEqualTo(7);
    }

    @Test
    void aCommitAheadOfTheEndIsNoNegativeLag() {
        // an end offset read before a commit that followed it
        assertThat(GroupLag.lag(Map.of(P0, 10L), Map.of(P0, 12L))).isZero();
    }
}
