package io.laneway.router.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.Await;
import io.laneway.router.support.RouterIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A router whose pool group never consumes (so every message on the fast lane is lag) and whose fast lane
 * counts as healthy only up to 1 message: low work is shed, critical work still gets through.
 */
@TestPropertySource(properties = {
        "laneway.router.backpressure.consumer-group=no-such-pool",
        "laneway.router.backpressure.healthy-lag.FAST=1",
        "laneway.router.backpressure.slow-delay=1ms"})
class BackpressureSheddingTest extends RouterIntegrationTest {

    @Autowired
    LaneLagMonitor lags;

    @Autowired
    MeterRegistry meters;

    @Test
    void lowPriorityIsShedWhenTheLaneLagsAndCriticalNeverIs() {
        for (int i = 0; i < 3; i++) {
            post("{\"type\":\"demo.greet\",\"priority\":\"high\",\"payload\":{\"name\":\"n" + i + "\"}}");
        }
        Await.until("the router to see the fast lane's lag", Duration.ofSeconds(20), () -> lags.lag(Lane.FAST) >= 3);
        var before = laneEndOffsets();

        var low = post("{\"type\":\"demo.greet\",\"priority\":\"low\",\"payload\":{\"name\":\"x\"}}");

        assertThat(low.statusCode()).isEqualTo(429);
        assertThat(low.headers().firstValue("Retry-After")).isPresent();
        assertThat(low.body()).contains("fast lane is").contains("low priority work is shed");
        assertThat(laneEndOffsets()).isEqualTo(before);

        var critical = post("{\"type\":\"demo.greet\",\"priority\":\"critical\",\"payload\":{\"name\":\"y\"}}");
        assertThat(critical.statusCode()).isEqualTo(202);
        assertThat(meters.find("laneway.router.backpressure.decisions").tag("decision", "shed").tag("priority", "LOW").counter().count())
                .isGreaterThanOrEqualTo(1);
    }
}
