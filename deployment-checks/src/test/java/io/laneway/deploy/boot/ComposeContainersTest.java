package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeContainersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "laneway/router-service:${LANEWAY_VERSION:-0.1.0}   | laneway/router-service:0.1.0",
            "laneway/router-service:${TAG:-0.1.0}               | laneway/router-service:1.2.3",
            "${EMPTY:-fallback}                                 | fallback",
            "${UNSET}                                           | ''",
            "$$HOME                                             | $HOME",
            "no variables                                       | no variables",
    })
    void interpolatesAsComposeDoes(String value, String expected) {
        assertThat(ComposeContainers.interpolate(value, Map.of("TAG", "1.2.3", "EMPTY", ""))).isEqualTo(expected);
    }
}
