package io.laneway.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

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

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            // as typed,      lane
            "fast,            FAST",
            "FAST,            FAST",
            "Heavy,           HEAVY",
            "long-running,    LONG_RUNNING",
            "LONG_RUNNING,    LONG_RUNNING",
            "long_running,    LONG_RUNNING",
            "slow,            none",
            "'',              none",
            "laneway.lane.fast, none"})
    void aLaneIsFoundByEitherOfTheNamesClientsSee(String typed, Lane expected) {
        assertThat(Topics.laneNamed(typed)).isEqualTo(Optional.ofNullable(expected));
    }
}
