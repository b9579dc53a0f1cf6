package io.laneway.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void aProcessThatExitsWhileAwaitedFailsTheWaitWithItsExitCodeAndLog(@TempDir Path dir) {
        try (ChildProcess process = ChildProcess.start("exits", List.of("sh", "-c", "echo cannot start: no datasource; exit 3"), dir,
                dir.resolve("exits.log"))) {
            // not "timed out": the wait ends at the exit and says why
            assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(30), () -> false))
                    .hasMessageContaining("exits exited with 3")
                    .hasMessageContaining("cannot start: no datasource");
        }
    }
}
