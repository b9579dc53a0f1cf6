package io.laneway.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;

/**
 * The adaptive limit under a downstream latency step (10 ms -> 500 ms -> 10 ms), against a sweep of fixed
 * concurrencies at each latency. The downstream is a local HTTP server whose latency this benchmark sets;
 * the pool calls it through the {@code demo.call} example handler. Reports, per phase, how long the limit
 * took to settle and the adaptive throughput against the best fixed concurrency. Appends to
 * benchmarks/results/pool-adaptive.md.
 */
public final class AdaptiveStepBenchmark {

    private static final long LOW = 10;
    private static final long HIGH = 500;
    private static final int PHASE_SECONDS = Integer.getInteger("bench.phaseSeconds", 45);
    private static final int SWEEP_SECONDS = Integer.getInteger("bench.sweepSeconds", 15);
    /** A fresh pool JVM is slower until the JIT has compiled the hot path; the adaptive run is measured warm too. */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 20);
    private static final int[] SWEEP = Arrays.stream(System.getProperty("bench.sweep", "4,8,16,32,48").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int RECORDS = Integer.getInteger("bench.records", 400_000);

    private static volatile long latencyMillis = LOW;

    record Sample(int second, long latency, double limit, long effects, CpuTimes cpu) {
    }

    /** A fixed-concurrency run: its rate, and the processes' CPU per envelope over its measured window. */
    record FixedRun(double rate, CpuTable.Phase cpu) {
    }

    /** The processes charged with each run: the pool's JVM (while one runs), the broker, PostgreSQL, and the downstream here. */
    private static final Map<String, Long> PROCESSES = new LinkedHashMap<>();
    private static final String POOL = "consumer-pool-service";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/run");
        HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        downstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        downstream.createContext("/", exchange -> {
            try {
                Thread.sleep(latencyMillis); // the downstream's latency, stepped by this benchmark
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        downstream.start();
        String downstreamUrl = "http://127.0.0.1:" + downstream.getAddress().getPort() + "/";
        StringBuilder report = new StringBuilder();
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), runDir);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(), runDir.resolve("kafka-" + System.nanoTime()))) {
            broker.createTopics(Topics.all());
            Map<String, String> datasource = infra.datasourceProperties("laneway_pool");
            PROCESSES.put(POOL, 0L);
            PROCESSES.put("Kafka broker", broker.pid());
            PROCESSES.put(CpuTimes.POSTGRES, infra.postgres().postmasterPid());
            PROCESSES.put("benchmark JVM (the downstream)", ProcessHandle.current().pid());
            System.out.printf("preloading %,d demo.call envelopes ...%n", RECORDS);
            PoolBenchmark.preload(broker.bootstrapServers(), infra.schemaRegistryUrl(), "demo.call", "{\"path\":\"work\"}", RECORDS);

            Map<Long, Map<Integer, FixedRun>> fixed = new LinkedHashMap<>();
            int run = 0;
            for (long latency : new long[] {LOW, HIGH}) {
                latencyMillis = latency;
                Map<Integer, FixedRun> byConcurrency = new LinkedHashMap<>();
                for (int concurrency : SWEEP) {
                    FixedRun fixedRun = fixedRun(root, runDir, infra, broker.bootstrapServers(), datasource, downstreamUrl, concurrency,
                            "sweep-" + run++, latency);
                    byConcurrency.put(concurrency, fixedRun);
                    System.out.printf("  fixed concurrency %d at %d ms: %,.0f envelopes/s%n", concurrency, latency, fixedRun.rate());
                }
                fixed.put(latency, byConcurrency);
            }
            List<Sample> samples = adaptiveRun(root, runDir, infra, broker.bootstrapServers(), datasource, downstreamUrl);
            report.append(report(fixed, samples));
        } finally {
            downstream.stop(0);
        }
        System.out.println(report);
        Results.append(root, "pool-adaptive.md", null, report);
        System.exit(0);
    }

    private static FixedRun fixedRun(Path root, Path runDir, LocalInfrastructure infra, String bootstrap, Map<String, String> datasource,
                                     String downstreamUrl, int concurrency, String group, long latency) throws Exception {
        try (HikariDataSource db = PoolBenchmark.dataSource(datasource)) {
            PoolBenchmark.resetIfPresent(db);
            int port = FreePorts.next();
            try (ChildProcess pool = PoolBenchmark.startPool(root, runDir, infra, bootstrap, port, poolArgs(downstreamUrl, group,
                    "--laneway.pool.lanes.fast.concurrency=" + concurrency, "--laneway.pool.lanes.fast.min-concurrency=" + concurrency,
                    "--laneway.pool.lanes.fast.max-concurrency=" + concurrency))) {
                pool.awaitReady(Duration.ofSeconds(120), () -> Services.ready(port));
                PROCESSES.put(POOL, pool.pid());
                Thread.sleep(WARMUP_SECONDS * 1000L); // warm-up before the measured window (a benchmark phase, not synchronisation)
                long before = PoolBenchmark.single(db, "select count(*) from demo_work");
                CpuTimes cpuBefore = CpuTimes.of(PROCESSES);
                Thread.sleep(SWEEP_SECONDS * 1000L);
                long after = PoolBenchmark.single(db, "select count(*) from demo_work");
                return new FixedRun((after - before) / (double) SWEEP_SECONDS, CpuTable.Phase.since(
                        "fixed concurrency " + concurrency + " at " + latency + " ms", "envelope", cpuBefore, PROCESSES, after - before));
            }
        }
    }

    private static List<Sample> adaptiveRun(Path root, Path runDir, LocalInfrastructure infra, String bootstrap,
                                            Map<String, String> datasource, String downstreamUrl) throws Exception {
        List<Sample> samples = new ArrayList<>();
        try (HikariDataSource db = PoolBenchmark.dataSource(datasource)) {
            PoolBenchmark.reset(db);
            latencyMillis = LOW;
            int port = FreePorts.next();
            try (ChildProcess pool = PoolBenchmark.startPool(root, runDir, infra, bootstrap, port, poolArgs(downstreamUrl, "adaptive"))) {
                pool.awaitReady(Duration.ofSeconds(120), () -> Services.ready(port));
                PROCESSES.put(POOL, pool.pid());
                long[] phases = {LOW, HIGH, LOW};
                int second = 0;
                long start = System.nanoTime();
                for (long latency : phases) {
                    latencyMillis = latency;
                    System.out.printf("  adaptive: downstream latency now %d ms%n", latency);
                    for (int i = 0; i < PHASE_SECONDS; i++) {
                        second++;
                        long due = start + second * 1_000_000_000L;
                        Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000)); // one sample per second
                        samples.add(new Sample(second, latency, limit(port), PoolBenchmark.single(db, "select count(*) from demo_work"),
                                CpuTimes.of(PROCESSES)));
                    }
                }
            }
        }
        return samples;
    }

    private static List<String> poolArgs(String downstreamUrl, String group, String... extra) {
        List<String> args = new ArrayList<>(List.of("--laneway.pool.examples.downstream-url=" + downstreamUrl,
                "--laneway.pool.group-prefix=" + group, "--laneway.pool.outbox.relay-enabled=false"));
        args.addAll(List.of(extra));
        return args;
    }

    private static double limit(int port) {
        try {
            return Services.metrics(port).lines().filter(l -> l.startsWith("laneway_pool_concurrency_limit") && l.contains("lane=\"fast\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String report(Map<Long, Map<Integer, FixedRun>> fixed, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        out.append("\n## Adaptive limit under a latency step ").append(LocalDate.now()).append(", commit ").append(Machine.commit())
                .append('\n').append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(String.format("%.0f", Machine.totalMemoryGiB())).append(" GiB. Command: `bench/pool-adaptive` (downstream ")
                .append(LOW).append(" -> ").append(HIGH).append(" -> ").append(LOW).append(" ms, ").append(PHASE_SECONDS)
                .append(" s per phase; sweep windows of ").append(SWEEP_SECONDS).append(" s after ").append(WARMUP_SECONDS)
                .append(" s warm-up; adaptive throughput from the second half of each phase; outbox relay off).\n\n")
                .append("Fixed concurrency sweep (envelopes/s):\n\n| concurrency |");
        fixed.keySet().forEach(l -> out.append(' ').append(l).append(" ms |"));
        out.append("\n|---|").append("---|".repeat(fixed.size())).append('\n');
        for (int c : SWEEP) {
            out.append("| ").append(c).append(" |");
            fixed.values().forEach(m -> out.append(String.format(" %,.0f |", m.get(c).rate())));
            out.append('\n');
        }
        out.append("\nAdaptive run, per phase:\n\n| phase | latency | limit at end | settled after | adaptive envelopes/s (2nd half) | best fixed | ratio |\n|---|---|---|---|---|---|---|\n");
        List<CpuTable.Phase> cpu = new ArrayList<>();
        fixed.values().forEach(m -> m.values().forEach(run -> cpu.add(run.cpu())));
        for (int phase = 0; phase < 3; phase++) {
            List<Sample> in = samples.subList(phase * PHASE_SECONDS, (phase + 1) * PHASE_SECONDS);
            long latency = in.get(0).latency();
            double finalLimit = in.get(in.size() - 1).limit();
            int settled = settleSeconds(in, finalLimit);
            Sample mid = in.get(in.size() / 2);
            Sample end = in.get(in.size() - 1);
            double rate = (end.effects() - mid.effects()) / (double) (end.second() - mid.second());
            double best = fixed.get(latency).values().stream().mapToDouble(FixedRun::rate).max().orElse(Double.NaN);
            cpu.add(new CpuTable.Phase("adaptive, phase " + (phase + 1) + " at " + latency + " ms (2nd half)", "envelope",
                    end.cpu().minus(mid.cpu()).microsPer(end.effects() - mid.effects())));
            out.append(String.format("| %d | %d ms | %.0f | %s | %,.0f | %,.0f | %.2f |%n", phase + 1, latency, finalLimit,
                    settled < 0 ? "not settled" : settled + " s", rate, best, rate / best));
        }
        out.append("\nLimit per second: ");
        samples.forEach(s -> out.append(String.format("%.0f ", s.limit())));
        out.append("\n\nCPU per envelope, from the OS (user + system), over each fixed run's measured window and the second half of"
                + " each adaptive phase:\n\n").append(CpuTable.render(cpu));
        return out.toString();
    }

    /** Seconds into the phase after which the limit stays within 10% (at least 2) of where the phase ends. */
    static int settleSeconds(List<Sample> phase, double finalLimit) {
        double band = Math.max(2, finalLimit * 0.1);
        int settledAt = -1;
        for (int i = 0; i < phase.size(); i++) {
            boolean inside = Math.abs(phase.get(i).limit() - finalLimit) <= band;
            if (inside && settledAt < 0) {
                settledAt = i + 1;
            } else if (!inside) {
                settledAt = -1;
            }
        }
        return settledAt;
    }
}
