package io.laneway.bench;

import java.time.LocalDate;
import java.util.List;

/** The pool benchmark's table: each contender's rate, duplicates and CPU per envelope per process, and the targets. */
final class PoolReport {

    private PoolReport() {
    }

    static String render(List<PoolBenchmark.Result> results) {
        PoolBenchmark.Result pool = results.get(0); // same work as the baselines: the comparison the target is about
        StringBuilder table = new StringBuilder();
        table.append("\n## Pool benchmark ").append(LocalDate.now()).append(", commit ").append(Machine.commit()).append('\n')
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(String.format("%.0f", Machine.totalMemoryGiB())).append(" GiB. Command: `bench/pool`")
                .append(Profiles.requested() ? " with `-Dbench.profile=true`" : "")
                .append(Boolean.parseBoolean(System.getProperty("bench.baselines", "true")) ? "" : " and `-Dbench.baselines=false` (the pool alone)")
                .append(System.getProperty("bench.pool.args", "").isBlank() ? "" : " and `-Dbench.pool.args=" + System.getProperty("bench.pool.args") + "`")
                .append(" (")
                .append(PoolBenchmark.RECORDS).append(" envelopes, the first ").append(PoolBenchmark.WARMUP_RECORDS)
                .append(" of them each contender's untimed JIT warm-up, ").append(PoolBenchmark.KEYS).append(" keys, ").append(PoolBenchmark.WORK_MILLIS)
                .append(" ms simulated work, ").append(PoolBenchmark.PARTITIONS).append(" partitions; broker as its own process, PostgreSQL 17 with fsync and synchronous_commit on).\n\n")
                .append("| contender | envelopes/s | Laneway / this | duplicate effects |\n|---|---|---|---|\n");
        for (PoolBenchmark.Result r : results) {
            table.append(String.format("| %s | %,.0f | %.2fx | %d |%n", r.name(), r.perSecond(), pool.perSecond() / r.perSecond(),
                    r.duplicates()));
        }
        table.append("\nCPU per envelope over the timed part (each process from its OS counters, user + system; the baselines run in the"
                + " benchmark JVM):\n\n").append(CpuTable.render(results.stream()
                .map(r -> new CpuTable.Phase(r.name(), "envelope", r.cpuMicros())).toList()));
        results.stream().filter(r -> !Double.isNaN(r.jitMicros())).forEach(r -> table.append(String.format(
                "%nOf the pool JVM's CPU per envelope, %s: %.0f µs were its JIT compiler threads (a JVM still compiling is not warm yet).%n",
                r.name(), r.jitMicros())));
        for (PoolBenchmark.Result r : results) {
            if (r.statements() != null) {
                table.append("\nPostgreSQL, ").append(r.name()).append(":\n\n").append(r.statements()).append('\n');
            }
            if (!r.flames().isEmpty()) {
                table.append("\nFlame graphs over the timed part (`-Dbench.profile=true`; sampling costs CPU, so read them for shares), ")
                        .append(r.name()).append(":\n").append(String.join("\n", r.flames())).append('\n');
            }
        }
        PoolBenchmark.Result listener = results.stream().filter(r -> r.name().startsWith("Spring Kafka listener")).findFirst().orElse(null);
        PoolBenchmark.Result parallel = results.stream().filter(r -> r.name().startsWith("Parallel Consumer")).findFirst().orElse(null);
        Figures.put("pool.laneway.eps", pool.perSecond());
        Figures.put("pool.full.eps", results.get(1).perSecond());
        Figures.put("pool.duplicates", results.stream().mapToLong(PoolBenchmark.Result::duplicates).sum());
        Figures.put("pool.cpu.micros", pool.cpuMicrosTotal());
        if (listener != null && parallel != null) {
            Figures.put("pool.listener.eps", listener.perSecond());
            Figures.put("pool.parallel.eps", parallel.perSecond());
            Figures.put("pool.listener.cpu.micros", listener.cpuMicrosTotal());
        }
        if (listener != null && parallel != null) {
            double vsListener = pool.perSecond() / listener.perSecond();
            double vsParallel = pool.perSecond() / parallel.perSecond();
            table.append(String.format("%nTargets (same work): >= 5x the listener: %.2fx (%s); >= 1x Parallel Consumer: %.2fx (%s).%n",
                    vsListener, vsListener >= 5 ? "met" : "missed", vsParallel, vsParallel >= 1 ? "met" : "missed"));
        }
        return table.toString();
    }
}
