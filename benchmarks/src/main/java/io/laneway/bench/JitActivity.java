package io.laneway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time the JIT compiler threads of some JVMs have used, read from Linux's per-thread accounting
 * ({@code /proc/<pid>/task/<tid>/stat}; the JVM names those threads "C1 CompilerThread0", "C2 CompilerThread1", ...).
 *
 * <p>Why a benchmark needs it: five freshly started JVMs on two cores compile for minutes. A profile of the saga
 * benchmark after its old 3,000-order warm-up burst found the C2 threads using 73% of a core during the measurement, a
 * third of the machine, so the run measured start-up, not the steady state a deployed service is in. The warm-up now
 * runs until this figure falls, and the report prints it for the measurement itself.
 */
final class JitActivity {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private JitActivity() {
    }

    /** About ten seconds of a benchmark's warm-up load. */
    @FunctionalInterface
    interface WarmUpWindow {
        void run() throws Exception;
    }

    /**
     * Runs the window again and again until the compiler threads of these JVMs together use less than {@code settledCores}
     * of one core over one window, or {@code max} has passed; returns what happened, for the report.
     */
    static String warmUntilSettled(List<Long> jvms, double settledCores, java.time.Duration max, WarmUpWindow window) throws Exception {
        long began = System.nanoTime();
        long compiled = compilerNanos(jvms);
        if (compiled < 0) {
            window.run();
            return "one warm-up window, not paced by JIT activity (no /proc)";
        }
        double share = Double.NaN;
        while (System.nanoTime() - began < max.toNanos()) {
            long windowStart = System.nanoTime();
            window.run();
            long now = compilerNanos(jvms);
            share = (double) (now - compiled) / (System.nanoTime() - windowStart);
            compiled = now;
            System.out.printf("warm-up: JIT compiler threads used %.0f%% of one core in the last window%n", 100 * share);
            if (share < settledCores) {
                break;
            }
        }
        return String.format("JIT compiler threads at %.1f%% of one core in the warm-up's last window, after %d s (settled below %.1f%%, at most %d s)",
                100 * share, (System.nanoTime() - began) / 1_000_000_000L, 100 * settledCores, max.toSeconds());
    }

    /** Compiler-thread CPU nanoseconds summed over these processes; -1 where /proc is not there (not Linux). */
    static long compilerNanos(List<Long> pids) {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            return -1;
        }
        long ticks = 0;
        for (long pid : pids) {
            try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                ticks += threads.mapToLong(JitActivity::compilerTicks).sum();
            } catch (IOException | java.io.UncheckedIOException gone) {
                // the process ended: it compiles nothing any more
            }
        }
        return ticks * NANOS_PER_TICK;
    }

    /** user + system ticks of one thread if it is a JIT compiler thread, else 0. */
    private static long compilerTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (!name.contains("CompilerThre")) { // the kernel keeps 15 characters of the name
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15 of stat)
        } catch (IOException | RuntimeException gone) {
            return 0; // the thread ended between the listing and the read
        }
    }
}
