package io.laneway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results file gets its header once, then every report appended; nothing when the suite runs the benchmark. */
class ResultsTest {

    @TempDir
    Path root;

    @AfterEach
    void clearSuiteFlag() {
        System.clearProperty("bench.appendResults");
    }

    @Test
    void aNewFileGetsItsHeaderOnceThenEveryReport() throws Exception {
        Results.append(root, "x.md", "# X results\n", "\n## run 1\n");
        Results.append(root, "x.md", "# X results\n", "\n## run 2\n");

        assertThat(Files.readString(root.resolve("benchmarks/results/x.md"))).isEqualTo("# X results\n\n## run 1\n\n## run 2\n");
    }

    @Test
    void underTheSuiteNothingIsWritten() throws Exception {
        System.setProperty("bench.appendResults", "false");

        Results.append(root, "x.md", "# X results\n", "\n## run 1\n");

        assertThat(root.resolve("benchmarks/results/x.md")).doesNotExist();
    }
}
