package io.laneway.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneway.contracts.envelope.Lane;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

    @ParameterizedTest
    @CsvSource({
            // lane,        topic,                       name in metrics and the pool's configuration
            "FAST,          laneway.lane.fast,           fast",
            "HEAVY,         laneway.lane.heavy,          heavy",
            "LONG_RUNNING,  laneway.lane.long-running,   long-running"})
    void aLaneHasOneTopicAndOneNameThatEveryServiceTagsItsMetricsWith(Lane lane, String topic, String name) {
        assertThat(Topics.laneTopic(lane)).isEqualTo(topic);
        assertThat(Topics.laneName(lane)).isEqualTo(name);
    }
}
