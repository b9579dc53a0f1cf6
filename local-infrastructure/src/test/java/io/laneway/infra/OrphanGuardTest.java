package io.laneway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A JVM killed with SIGKILL runs no shutdown hook; its PostgreSQL and registry must still go away. */
class OrphanGuardTest {

    @Test
    void childProcessesDieWhenTheOwningJvmIsKilled() throws Exception {
        Path runDir = Path.of(System.getProperty("java.io.tmpdir"), "orphan-test-" + System.nanoTime());
        holder = new ProcessBuilder(JdkLocator.javaExecutable(21).toString(),
                "-Dot.epg.working-dir=" + System.getProperty("ot.epg.working-dir", runDir.resolve("epg").toString()),
                "-cp", System.getProperty("java.class.path"),
                InfrastructureHolder.class.getName(), runDir.toString())
                .redirectErrorStream(true).start();
        List<Long> children;
        try (var out = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
            children = readReadyLine(out);
            assertThat(children).as("PostgreSQL and the registry run as separate processes").hasSize(2);
            assertThat(children).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            holder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

            Await.until("orphans to be reaped", Duration.ofSeconds(40),
                    () -> children.stream().map(ProcessHandle::of).noneMatch(p -> p.map(ProcessHandle::isAlive).orElse(false)));
        }
    }

    private Process holder;

    @org.junit.jupiter.api.AfterEach
    void noHolderLeft() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private static List<Long> readReadyLine(BufferedReader out) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY")) {
                return Arrays.stream(line.substring(5).trim().split(" ")).filter(s -> !s.isBlank()).map(Long::valueOf).toList();
            }
        }
        throw new AssertionError("holder JVM exited before it was ready");
    }
}
