package io.laneway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where every benchmark records what it measured: appended to its file under {@code benchmarks/results}, which gets a
 * header when new. Skipped when the suite runs the benchmark ({@code -Dbench.appendResults=false}): the suite then
 * records the figures in its own file.
 */
final class Results {

    private Results() {
    }

    static void append(Path root, String fileName, String headerIfNew, CharSequence report) throws IOException {
        if (!Figures.appendResults()) {
            return;
        }
        Path file = root.resolve("benchmarks/results").resolve(fileName).toAbsolutePath();
        Files.createDirectories(file.getParent());
        if (headerIfNew != null && !Files.exists(file)) {
            Files.writeString(file, headerIfNew);
        }
        Files.writeString(file, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("appended to " + file);
    }
}
