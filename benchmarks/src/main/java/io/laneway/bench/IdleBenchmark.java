package io.laneway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.laneway.launcher.Platform;
import io.laneway.launcher.ServicePorts;

/**
 * {@code ./bench/idle}: what the whole platform (four services, broker, PostgreSQL, registry) spends doing nothing:
 * started, settled for a minute, then its CPU per process from the OS over a measured minute with no traffic at all.
 * The infrastructure's rows (the benchmark JVM holds the broker, PostgreSQL and the registry run beside it) are the
 * baseline the services' rows read against. Loopback only; about 4 minutes; stops by itself. Appends to
 * benchmarks/results/idle.md.
 */
public final class IdleBenchmark {

    private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("bench.settleSeconds", 60));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 60));
    /**
     * After the settling minute, the wait goes on (at most {@code bench.jitWaitSeconds}) until the JVMs' JIT compilers use
     * under this share of one core over 10 s: an idle platform's cost is what it pays once it has compiled what it runs
     * idle. Two minutes in, the broker's compilers were still 39% of its samples (idle.md, 19th session).
     */
    private static final double SETTLED_JIT_CORES = Double.parseDouble(System.getProperty("bench.settledJitCores", "0.005"));
    private static final Duration JIT_WAIT = Duration.ofSeconds(Long.getLong("bench.jitWaitSeconds", 300));

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/idle-run");
        List<String> quiet = List.of("--logging.level.io.laneway=WARN");
        String report;
        try (Platform platform = Platform.start(ServicePorts.random(), root, runDir, Map.of("router-service", quiet,
                "consumer-pool-service", quiet, "saga-orchestrator", quiet, "projection-service", quiet))) {
            System.out.printf("settling %d s, then measuring %d s of no traffic ...%n", SETTLE.toSeconds(), MEASURE.toSeconds());
            Thread.sleep(SETTLE); // a benchmark's wait for the platform to go quiet, not a test's synchronisation
            List<Long> jvms = List.copyOf(Profiles.platformJvms(platform).values());
            String settled = JitActivity.warmUntilSettled(jvms, SETTLED_JIT_CORES, JIT_WAIT, () -> Thread.sleep(10_000));
            long jitBefore = JitActivity.compilerNanos(jvms);
            PlatformCosts.Snapshot before = PlatformCosts.take(platform);
            Profiles profiles = Profiles.startIfRequested(Profiles.platformJvms(platform));
            Thread.sleep(MEASURE);
            PlatformCosts.Snapshot after = PlatformCosts.take(platform);
            double jitDuring = (JitActivity.compilerNanos(jvms) - jitBefore) / 1e9 / MEASURE.toSeconds();
            List<String> flames = profiles.stop(root, "idle");
            double total = 0;
            StringBuilder rows = new StringBuilder();
            for (var entry : after.cpuNanos().entrySet()) {
                double share = (entry.getValue() - before.cpuNanos().getOrDefault(entry.getKey(), 0L)) / 1e9 / MEASURE.toSeconds();
                total += share;
                rows.append(String.format("| %s | %.1f%% |%n", entry.getKey(), 100 * share));
            }
            rows.append(String.format("| **all** | **%.1f%%** |%n", 100 * total));
            Figures.put("idle.core.share", total);
            report = String.format("""

                    ## Idle platform, %s (commit %s)
                    Machine: %d cores, %d GiB RAM, %s. Command: `./bench/idle` (%d s settled, then until the JIT compilers settle: %s; %d s measured, no traffic).

                    | process | share of one core |
                    |---|---|
                    %s
                    Of that, the JIT compiler threads of the five JVMs: %.1f%% of one core.
                    %s""", LocalDate.now(), Machine.commit(), Runtime.getRuntime().availableProcessors(),
                    Math.round(Machine.totalMemoryGiB()), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    SETTLE.toSeconds(), settled, MEASURE.toSeconds(), rows, 100 * jitDuring, flames.isEmpty() ? ""
                            : "\nFlame graphs of the measured minute (`-Dbench.profile=true`; sampling costs CPU, so read them for shares):\n"
                            + String.join("\n", flames) + "\n");
        }
        System.out.println(report);
        Results.append(root, "idle.md", "# Idle platform (`./bench/idle`)\n", report);
        System.exit(0);
    }
}
