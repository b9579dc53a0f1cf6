package io.laneway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;


/**
 * {@code ./bench/suite}: every benchmark, one after another, each as its own JVM on its own fresh infrastructure, then
 * one table (and PNG charts) of what matters: ingest vs the raw producer, the pool vs a plain listener and Parallel
 * Consumer, end-to-end latency per lane, the fast lane with the heavy lane idle and flooded, sagas/s, projection
 * throughput and query p99, and each service's peak RSS. Every comparison is measured side by side inside its
 * benchmark's run. Appends to benchmarks/results/suite.md; charts go to benchmarks/results/suite-*.png.
 *
 * <p>The parameters are shorter than the single benchmarks' defaults so the whole suite takes about 10 minutes; pass
 * {@code -Dsuite.only=ingest,pool} to run some steps only.
 */
public final class SuiteBenchmark {

    /** One benchmark of the suite: its main class and the parameters the suite runs it with. */
    record Step(String name, Class<?> main, List<String> properties) {
    }

    static final List<Step> STEPS = List.of(
            new Step("ingest", IngestBenchmark.class, List.of("-Dbench.seconds=15", "-XX:+UseZGC")), // see bench/ingest
            new Step("pool", PoolBenchmark.class, List.of("-Dbench.records=50000")),
            new Step("isolation", LaneIsolationBenchmark.class, List.of("-Dbench.seconds=20")),
            new Step("saga", SagaBenchmark.class, List.of("-Dbench.rate=30", "-Dbench.seconds=20", "-Dbench.warmupOrders=200")),
            new Step("projection", ProjectionBenchmark.class, List.of("-Dbench.messages=250000", "-Dbench.queries=10000")));

    /** Which service a process is, from its command line; null for processes the table does not report. */
    static String serviceOf(String commandLine) {
        for (String service : List.of("router-service", "consumer-pool-service", "saga-orchestrator", "projection-service")) {
            if (commandLine.contains(service + ".jar")) {
                return service;
            }
        }
        if (commandLine.contains("kafka.Kafka ")) {
            return "kafka broker";
        }
        if (commandLine.contains("apicurio")) {
            return "schema registry (Apicurio)";
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(root.resolve("benchmarks/target/suite"));
        Path figuresFile = work.resolve("figures.properties");
        Files.deleteIfExists(figuresFile);
        List<String> only = List.of(System.getProperty("suite.only", "").split(",")).stream().filter(s -> !s.isBlank()).toList();
        Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
        Map<String, String> outcome = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Step step : STEPS) {
            if (!only.isEmpty() && !only.contains(step.name())) {
                continue;
            }
            System.out.printf("%n===== suite: %s (%s) =====%n", step.name(), String.join(" ", step.properties()));
            long stepStarted = System.nanoTime();
            int exit = run(step, root, figuresFile, peakRssKb);
            outcome.put(step.name(), (exit == 0 ? "ok" : "exit " + exit) + String.format(", %.1f min", (System.nanoTime() - stepStarted) / 60e9));
        }
        Properties figures = new Properties();
        if (Files.exists(figuresFile)) {
            try (var in = Files.newBufferedReader(figuresFile)) {
                figures.load(in);
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String table = SuiteTable.render(figures, peakRssKb);
        String date = LocalDate.now().toString();
        String section = String.format("""

                ## Suite %s, commit %s
                Machine: %d cores, %.0f GiB, %s. Command: `./bench/suite` (%.0f minutes; steps: %s).

                %s
                Peak RSS is each process's VmHWM, sampled every second; PostgreSQL runs detached (pg_ctl) and is not sampled.
                Charts of this run: suite-throughput.png, suite-latency.png, suite-rss.png.
                """, date, Machine.commit(), Runtime.getRuntime().availableProcessors(), Machine.totalMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), minutes, outcome, table);
        System.out.println(section);
        Path results = root.resolve("benchmarks/results");
        Results.append(root, "suite.md", "# Benchmark suite results\n\nCommand: `./bench/suite`; each section is one run of every "
                + "benchmark on this machine, each comparison measured side by side in that run.\n", section);
        SuiteCharts.write(figures, peakRssKb, results);
        System.out.println("charts in " + results);
        System.exit(0);
    }

    /** Runs one benchmark as a child JVM with this JVM's class path, sampling its descendants' memory while it runs. */
    private static int run(Step step, Path root, Path figuresFile, Map<String, Long> peakRssKb) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Dlaneway.home=" + root, "-Dbench.figures=" + figuresFile, "-Dbench.appendResults=false"));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(step.properties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), step.main().getName()));
        Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
        Thread sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (process.isAlive()) {
                process.descendants().forEach(child -> sample(child, peakRssKb));
                try {
                    Thread.sleep(Duration.ofSeconds(1)); // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int exit = process.waitFor();
        sampler.interrupt();
        return exit;
    }

    /** VmHWM is the process's own peak resident set so far, so sampling it now and then still finds the peak. */
    private static void sample(ProcessHandle process, Map<String, Long> peakRssKb) {
        try {
            // /proc directly: ProcessHandle.Info leaves out the command line of a JVM with a class path this long (the broker)
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))).replace('\0', ' ');
            String service = serviceOf(commandLine);
            if (service == null) {
                return;
            }
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKb.merge(service, kb, Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading: its earlier samples stand
        }
    }
}
