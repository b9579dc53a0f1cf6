package io.laneway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class JitActivityTest {

    @Test
    void countsTheCompilerThreadsOfThisJvmAndNothingForAProcessThatIsGone() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "per-thread CPU accounting needs Linux's /proc");
        long self = ProcessHandle.current().pid();
        // starting a JVM with JUnit compiles thousands of methods: its compiler threads have used CPU by now
        assertThat(JitActivity.compilerNanos(List.of(self))).isPositive();
        assertThat(JitActivity.compilerNanos(List.of(Long.MAX_VALUE))).isZero();
    }
}
