package io.laneway.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM or server this JVM owns: output goes to a log file, the process is registered with
 * {@link OrphanGuard} so it cannot outlive us, and {@link #stop()} asks politely before forcing.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
        return start(name, command, workDir, ProcessBuilder.Redirect.to(logFile.toFile()), logFile);
    }

    /** Starts it again after a crash, adding to the log so what the crashed one wrote stays readable. */
    public static ChildProcess restart(String name, List<String> command, Path workDir, Path logFile) {
        return start(name, command, workDir, ProcessBuilder.Redirect.appendTo(logFile.toFile()), logFile);
    }

    private static ChildProcess start(String name, List<String> command, Path workDir, ProcessBuilder.Redirect output,
                                      Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
            OrphanGuard.register(process.pid(), "TERM");
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Fails fast with the tail of the log when the process died while we were waiting for it. */
    public void awaitReady(Duration timeout, java.util.function.BooleanSupplier ready) {
        // the exit ends the wait (Await retries a condition that throws, so the exit is not thrown from inside it)
        Await.until(name + " to become ready (log: " + logFile + ")", timeout, () -> !process.isAlive() || ready.getAsBoolean());
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last log lines:\n" + tail());
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
