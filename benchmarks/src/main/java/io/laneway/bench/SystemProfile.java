package io.laneway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Linux {@code perf} sampling the whole machine (CPU clock, call graphs, kernel included) over a measured phase, for the
 * processes async-profiler cannot see into: PostgreSQL's backends. Their stacks are written collapsed (one line per
 * stack, what a reader greps), with a table of the functions PostgreSQL spends its samples in. Needs {@code perf} and
 * root (or a permissive {@code perf_event_paranoid}); without them the benchmark says so and goes on.
 */
final class SystemProfile {

    private final Process perf;
    private final Path data;

    private SystemProfile(Process perf, Path data) {
        this.perf = perf;
        this.data = data;
    }

    /** Starts sampling when {@code -Dbench.profile=true} and perf is there; null otherwise. */
    static SystemProfile startIfRequested() throws IOException {
        if (!Profiles.requested() || !Files.isExecutable(Path.of("/usr/bin/perf"))) {
            return null;
        }
        Path data = Files.createTempFile("laneway-perf", ".data");
        Process perf = new ProcessBuilder("/usr/bin/perf", "record", "-e", "cpu-clock", "-F", "199", "-g", "-a", "-o", data.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new SystemProfile(perf, data);
    }

    /**
     * Stops sampling and writes {@code name}.collapsed (the {@code comm} process's stacks) under {@code dir}; returns a
     * Markdown table of where those samples were (system calls, other kernel time, its own code) and its hottest functions.
     */
    String stop(Path dir, String name, String comm) throws IOException, InterruptedException {
        // perf writes its data file when interrupted, as at a terminal's Ctrl-C
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        if (!perf.waitFor(60, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            return "perf did not stop within 60 s: no system profile.\n";
        }
        Map<String, Long> stacks = collapse(data, comm);
        Files.deleteIfExists(data);
        if (stacks.isEmpty()) {
            return "perf recorded no samples of " + comm + " (not root, or perf_event_paranoid too strict?).\n";
        }
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        stacks.forEach((stack, count) -> lines.add(stack + " " + count));
        Files.write(dir.resolve(name + ".collapsed"), lines);
        return PerfStacks.table(stacks, 15) + "\nStacks: [" + name + ".collapsed](flames/" + name + ".collapsed)\n";
    }

    private static Map<String, Long> collapse(Path data, String comm) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("/usr/bin/perf", "script", "-i", data.toString(), "--comms", comm)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Long> stacks = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> frames = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    PerfStacks.add(stacks, comm, frames);
                    frames.clear();
                } else if (Character.isWhitespace(line.charAt(0))) {
                    frames.add(PerfStacks.frame(line));
                }
            }
            PerfStacks.add(stacks, comm, frames);
        }
        script.waitFor(60, TimeUnit.SECONDS);
        return Collections.unmodifiableMap(stacks);
    }
}
