package io.laneway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.laneway.infra.JdkLocator;

/**
 * async-profiler (its Maven Central jar carries the native agent) loaded into a running service JVM through
 * {@code jcmd JVMTI.agent_load}, so a benchmark samples only its measured phase, not start-up or warm-up. CPU samples
 * (perf events, user space: this machine's perf_event_paranoid is 2) with Java frames; the result is a flame graph
 * (HTML) and the same stacks collapsed (text, one line per stack: what a reader greps).
 */
final class Profiler {

    private final long pid;
    private final Path library;

    private Profiler(long pid, Path library) {
        this.pid = pid;
        this.library = library;
    }

    static Profiler attach(long pid) throws IOException, InterruptedException {
        Path library = Files.createTempFile("libasyncProfiler", ".so");
        try (InputStream in = Profiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            if (in == null) {
                throw new IllegalStateException("async-profiler's native library is not on the classpath (tools.profiler:async-profiler)");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        Profiler profiler = new Profiler(pid, library);
        profiler.command("start,event=cpu,interval=1ms");
        return profiler;
    }

    /** Stops sampling and writes {@code name}.html and {@code name}.collapsed under {@code dir}; returns the HTML's file name. */
    String stop(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        command("dump,collapsed,file=" + dir.resolve(name + ".collapsed"));
        command("stop,flamegraph,title=" + name + ",file=" + dir.resolve(name + ".html"));
        return name + ".html";
    }

    private void command(String arguments) throws IOException, InterruptedException {
        Path jcmd = JdkLocator.javaExecutable(21).resolveSibling("jcmd");
        // quoted: jcmd would take "start,event=cpu" for a named argument of its own and hand the agent nothing
        Process process = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), "JVMTI.agent_load", library.toString(),
                        "\"" + arguments + "\""))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("[ERROR]")
                || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler '" + arguments + "' in " + pid + " failed: " + output);
        }
    }
}
