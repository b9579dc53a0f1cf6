package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkStandInTest {

    private static final NetworkStandIn NETWORK = NetworkStandIn.of(Map.of(
            "kafka:9092", "127.0.0.1:31000",
            "postgres:5432", "127.0.0.1:31001",
            "laneway-projection:8084", "127.0.0.1:8084"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "kafka:9092                                    | 127.0.0.1:31000",
            "jdbc:postgresql://postgres:5432/laneway_pool  | jdbc:postgresql://127.0.0.1:31001/laneway_pool",
            "http://laneway-projection:8084/v1/messages/1  | http://127.0.0.1:8084/v1/messages/1",
            "kafka:9092,other:9092                         | 127.0.0.1:31000,other:9092",
            "mykafka:9092                                  | mykafka:9092",
            "kafka:90921                                   | kafka:90921",
            "kafka.internal:9092                           | kafka.internal:9092",
            "0.0.0.0                                       | 127.0.0.1",
            "::                                            | 127.0.0.1",
            "-XX:MaxRAMPercentage=75                       | -XX:MaxRAMPercentage=75",
            "http://0.0.0.0:8080                           | http://0.0.0.0:8080",
    })
    void rewritesOnlyWholeKnownAddressesAndWildcardBinds(String value, String expected) {
        assertThat(NETWORK.rewrite(value)).isEqualTo(expected);
    }
}
