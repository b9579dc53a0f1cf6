package io.laneway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system, as the OS counts it) of named processes at one moment, or spent between two. PostgreSQL (a
 * name starting with {@link #POSTGRES}) counts with its backends (the postmaster forks one per connection); any other process counts alone (the benchmark's
 * own JVM is the parent of every service it starts).
 */
record CpuTimes(Map<String, Long> nanos) {

    static final String POSTGRES = "PostgreSQL";

    static CpuTimes of(Map<String, Long> pids) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        pids.forEach((name, pid) -> nanos.put(name, ProcessHandle.of(pid)
                .map(process -> name.startsWith(POSTGRES) ? withDescendants(process) : cpuNanos(process)).orElse(0L)));
        return new CpuTimes(nanos);
    }

    CpuTimes minus(CpuTimes earlier) {
        Map<String, Long> spent = new LinkedHashMap<>();
        nanos.forEach((name, value) -> spent.put(name, value - earlier.nanos().getOrDefault(name, 0L)));
        return new CpuTimes(spent);
    }

    /** Each process's CPU spent per unit of work, in µs (a phase with no units counts as one). */
    Map<String, Double> microsPer(long units) {
        Map<String, Double> micros = new LinkedHashMap<>();
        nanos.forEach((name, value) -> micros.put(name, value / 1e3 / Math.max(1, units)));
        return micros;
    }

    /** A process and everything it forked (PostgreSQL's backends). */
    static long withDescendants(ProcessHandle process) {
        return cpuNanos(process) + process.descendants().mapToLong(CpuTimes::cpuNanos).sum();
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
