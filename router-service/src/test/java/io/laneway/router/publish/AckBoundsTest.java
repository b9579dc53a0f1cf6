package io.laneway.router.publish;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AckBoundsTest {

    @ParameterizedTest(name = "delivery {0} ms, ack wait {1} ms -> accepted {2}")
    @CsvSource(nullValues = "null", textBlock = """
            4500,  5000, true
            5000,  5000, false
            6000,  5000, false
            null,  5000, false
            2500,  3000, true
            """)
    void theProducerMustGiveUpBeforeTheCallerIsToldToRetry(String delivery, long ackWaitMillis, boolean accepted) {
        var check = assertThatCode(() -> AckBounds.requireDeliveryEndsBeforeAckWait(delivery, Duration.ofMillis(ackWaitMillis)));
        if (accepted) {
            check.doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> AckBounds.requireDeliveryEndsBeforeAckWait(delivery, Duration.ofMillis(ackWaitMillis)))
                    .hasMessageContaining("must be shorter than laneway.router.kafka-ack-timeout");
        }
    }
}
