package io.laneway.pool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RestartingLoopTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Duration> waits = new ArrayList<>();
    private final RestartingLoop loop = new RestartingLoop("test-loop", meters, waits::add);

    @Test
    void aFailedRunStartsAgainWithGrowingBackoffUntilOneEndsNormally() {
        AtomicInteger runs = new AtomicInteger();

        loop.run(() -> {
            if (runs.incrementAndGet() < 7) {
                throw new IllegalStateException("run " + runs.get() + " failed");
            }
        }, () -> true);

        assertThat(runs).hasValue(7);
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L);
        assertThat(meters.counter("laneway.pool.loop.restarts", "loop", "test-loop").count()).isEqualTo(6);
    }

    @Test
    void aFailureAfterTheLoopWasToldToStopEndsIt() {
        AtomicInteger runs = new AtomicInteger();

        loop.run(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("failed while stopping");
        }, () -> false);

        assertThat(runs).hasValue(1);
        assertThat(waits).isEmpty();
    }
}
