package io.laneway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;

/**
 * {@code ./bench/ingest}: router-service ingest (single and batch) next to Kafka's raw producer, all on the
 * same broker in the same run. Prints a table and appends it to benchmarks/results/ingest.md.
 *
 * <p>Targets (issue #3): batch ingest >= 50% of the raw producer's records/s; single-envelope p99 <= 10 ms
 * at half of the single-envelope maximum. The load generators ({@code wrk} for single envelopes, a Java client for
 * batches) share the machine's cores with the broker, the router and PostgreSQL; each phase's table row gives every
 * process's CPU per envelope, the load generator's included.
 */
public final class IngestBenchmark {

    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final Duration WARM = Duration.ofSeconds(Long.getLong("bench.warmSeconds", 60));
    private static final int CONNECTIONS = 64;
    static final String API_KEY = "bench-key";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/run");
        // The broker under test runs as its own process (like production), not inside this load-generating JVM.
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), runDir);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(), runDir.resolve("kafka-" + System.nanoTime()))) {
            broker.createTopics(Topics.all());
            broker.createTopics(Map.of("bench.raw", Topics.all().get(Topics.LANE_FAST)));
            int port = FreePorts.next();
            try (ChildProcess router = startRouter(root, runDir, infra, broker.bootstrapServers(), port)) {
                router.awaitReady(Duration.ofSeconds(120), () -> Services.ready(port));
                if (Boolean.getBoolean("bench.hold")) {
                    // for external load generators (wrk): keep everything up for a bounded while
                    System.out.println("HOLD router on http://127.0.0.1:" + port + " with X-API-Key " + API_KEY);
                    Thread.sleep(Duration.ofSeconds(Long.getLong("bench.holdSeconds", 120)));
                } else {
                    Map<String, Long> processes = new java.util.LinkedHashMap<>();
                    processes.put("router-service", router.pid());
                    processes.put("Kafka broker", broker.pid());
                    processes.put(CpuTimes.POSTGRES, infra.postgres().postmasterPid());
                    processes.put("schema registry", infra.externalProcessIds().getLast());
                    run(broker.bootstrapServers(), port, processes);
                }
            }
        }
        System.exit(0); // the embedded broker leaves non-daemon threads behind
    }

    private static final int RAW_RECORDS = 300_000;

    /** CPU per envelope of each process over one phase, in µs; the load generator's last. */
    private static CpuTable.Phase phase(String name, CpuTimes before, Map<String, Long> processes, long envelopes, double loadGeneratorNanos) {
        return CpuTable.Phase.since(name, "envelope", before, processes, envelopes)
                .with("load generator", loadGeneratorNanos / 1e3 / Math.max(1, envelopes));
    }

    private static double wrkNanos(Wrk.Run run) {
        return run.cpuSeconds() * 1e9;
    }

    private static long accepted(Wrk.Run run) {
        return run.requests() - run.non2xx();
    }

    private static void run(String bootstrap, int port, Map<String, Long> processes) throws Exception {
        String payload = "{\"name\":\"" + "x".repeat(960) + "\"}";
        String single = "{\"type\":\"demo.greet\",\"priority\":\"normal\",\"payload\":" + payload + "}";
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 100; i++) {
            batch.append(i == 0 ? "" : ",").append(single);
        }
        batch.append("]}");
        // single envelopes under wrk (a Java client at thousands of requests a second costs more CPU than the router it
        // measures, and its open loop collapsed at a warm router's half maximum); batches under the Java client (a
        // request carries 100 envelopes, so it costs little per envelope)
        String url = "http://127.0.0.1:" + port + "/v1/messages";
        Path scripts = java.nio.file.Files.createTempDirectory("laneway-ingest-wrk");
        Path script = Wrk.postScript(scripts, single, API_KEY);
        HttpLoad batches = new HttpLoad(URI.create("http://127.0.0.1:" + port + "/v1/messages:batch"), API_KEY);

        // a minute, as ./bench/router-cpu warms: 8 s (before 2026-12-05) measured a router still compiling
        System.out.printf("warming up %d s ...%n", WARM.toSeconds());
        Wrk.run(url, script, CONNECTIONS, WARM);

        System.out.printf("single-envelope maximum (wrk, %d connections) ...%n", CONNECTIONS);
        CpuTimes cpu = CpuTimes.of(processes);
        Wrk.Run singleMax = Wrk.run(url, script, CONNECTIONS, PHASE);
        List<CpuTable.Phase> phases = new ArrayList<>();
        phases.add(phase("POST /v1/messages, max (wrk, " + CONNECTIONS + " connections)", cpu, processes, accepted(singleMax),
                wrkNanos(singleMax)));
        // -Dbench.latencyRate=N measures the latency phase at a fixed rate instead (to compare settings at one rate)
        String fixedRate = System.getProperty("bench.latencyRate");
        double halfRate = fixedRate == null ? accepted(singleMax) / singleMax.seconds() / 2 : Double.parseDouble(fixedRate);
        // The latency phase comes before the floods of the raw and batch phases, and starts with the page cache written
        // back (the kernel writes a flood's dirty pages back 30 s later, which would measure the previous phase). It
        // settles at its rate for 10 s first (the first seconds after the maximum ran 2-3x slower), then measures at
        // least 40 s, so the write-back of its own data (every 30 s) falls inside it.
        writeBackPageCache();
        Duration latencyPhase = PHASE.compareTo(Duration.ofSeconds(40)) > 0 ? PHASE : Duration.ofSeconds(40);
        System.out.printf("single-envelope at half the maximum (%.0f/s, wrk paced, %d s) ...%n", halfRate, latencyPhase.toSeconds());
        // wrk has no fixed rate: each connection pauses so that together they ask for the rate (as ./bench/router-cpu does)
        Path paced = Wrk.postScript(scripts, single, API_KEY, CONNECTIONS * 1000.0 / halfRate);
        Wrk.run(url, paced, CONNECTIONS, Duration.ofSeconds(10)); // settle at the rate before measuring it
        String routerBefore = Services.metrics(port);
        cpu = CpuTimes.of(processes);
        Wrk.Run singleHalf = Wrk.run(url, paced, CONNECTIONS, latencyPhase);
        phases.add(phase("POST /v1/messages at half max", cpu, processes, accepted(singleHalf), wrkNanos(singleHalf)));
        String routerAfter = Services.metrics(port);
        // the same requests as the router saw them: Tomcat in to response out, and of that the wait for Kafka's ack
        double routerP99 = 1000 * Figures.histogramQuantileBetween(routerBefore, routerAfter, "http_server_requests_seconds",
                "uri=\"/v1/messages\"", 0.99);
        double ackP99 = 1000 * Figures.histogramQuantileBetween(routerBefore, routerAfter, "laneway_router_publish_latency_seconds",
                "lane=\"fast\"", 0.99);

        System.out.println("raw producer (ProducerPerformance) ...");
        cpu = CpuTimes.of(processes);
        var raw = RawProducerBaseline.run(bootstrap, "bench.raw", RAW_RECORDS, 1024);
        phases.add(phase("raw producer, ProducerPerformance (the baseline; its JVM is the load generator)", cpu, processes, RAW_RECORDS,
                raw.cpuSeconds() * 1e9).withUnit("record"));
        batches.closedLoop(batch.toString(), 4, Duration.ofSeconds(4)); // warm-up
        System.out.println("batch of 100 (8 clients, closed loop) ...");
        cpu = CpuTimes.of(processes);
        long generatorBefore = CpuTimes.cpuNanos(ProcessHandle.current());
        var batchMax = batches.closedLoop(batch.toString(), 8, PHASE);
        phases.add(phase("POST /v1/messages:batch x100, max (8 clients)", cpu, processes, batchMax.accepted() * 100,
                CpuTimes.cpuNanos(ProcessHandle.current()) - generatorBefore));

        List<String> rows = new ArrayList<>();
        rows.add(String.format("| raw producer (kafka-tools ProducerPerformance, 1 KB) | %,.0f records/s | p50 %.1f ms | p99 %.1f ms | baseline |",
                raw.recordsPerSecond(), raw.p50Millis(), raw.p99Millis()));
        double singleMaxRate = accepted(singleMax) / singleMax.seconds();
        rows.add(String.format("| POST /v1/messages, max (wrk, %d connections) | %,.0f envelopes/s | p50 %.1f ms | p99 %.1f ms | %.0f%% of raw |",
                CONNECTIONS, singleMaxRate, singleMax.p50Millis(), singleMax.p99Millis(), 100 * singleMaxRate / raw.recordsPerSecond()));
        rows.add(String.format("| POST /v1/messages:batch x100, max (8 clients) | %,.0f envelopes/s | p50 %.1f ms | p99 %.1f ms | %.0f%% of raw (target >= 50%%) |",
                batchMax.acceptedPerSecond(100), batchMax.p(50), batchMax.p(99), 100 * batchMax.acceptedPerSecond(100) / raw.recordsPerSecond()));
        rows.add(String.format("| POST /v1/messages at " + (fixedRate == null ? "half max" : "a fixed rate")
                + " (%.0f/s, wrk paced, " + latencyPhase.toSeconds() + " s) | %,.0f envelopes/s | p50 %.1f ms | p99 %.1f ms | target p99 <= 10 ms |",
                halfRate, accepted(singleHalf) / singleHalf.seconds(), singleHalf.p50Millis(), singleHalf.p99Millis()));
        rows.add(String.format("| the same, as the router measured it | | p99 %.1f ms in the router, of which p99 %.1f ms waiting for Kafka's ack | |",
                routerP99, ackP99));
        long failures = singleMax.non2xx() + singleMax.errors() + batchMax.failed() + singleHalf.non2xx() + singleHalf.errors();
        Figures.put("ingest.raw.rps", raw.recordsPerSecond());
        Figures.put("ingest.single.max.rps", singleMaxRate);
        Figures.put("ingest.batch.rps", batchMax.acceptedPerSecond(100));
        Figures.put("ingest.single.half.rps", accepted(singleHalf) / singleHalf.seconds());
        Figures.put("ingest.single.half.p50", singleHalf.p50Millis());
        Figures.put("ingest.single.half.p99", singleHalf.p99Millis());
        Figures.put("ingest.single.half.router.p99", routerP99);
        Figures.put("ingest.single.half.ack.p99", ackP99);
        Figures.put("ingest.failures", failures);
        Figures.put("ingest.single.router.cpu.us", phases.getFirst().micros().get("router-service"));

        String report = String.format("""

                ## Ingest benchmark, %s (commit %s)
                Machine: %d cores, %d GiB RAM, %s. Command: `./bench/ingest`%s (%d s warm-up, phases of %d s; broker in its own process; load generator on the same cores).

                | what | throughput | latency | vs baseline |
                |---|---|---|---|
                %s

                Non-202 answers during the measured phases: %d.

                CPU per envelope (per record for the raw producer), per process, from the OS (user + system, over each phase; the
                load generator is `wrk` for single envelopes, ProducerPerformance's JVM for the raw producer, and the benchmark
                JVM's HTTP client for batches):

                %s
                """, LocalDate.now(), Machine.commit(), Runtime.getRuntime().availableProcessors(),
                Math.round(Machine.totalMemoryGiB()), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("bench.router.jvmArgs", "").isBlank() ? ""
                        : " with `-Dbench.router.jvmArgs=\"" + System.getProperty("bench.router.jvmArgs") + "\"`",
                WARM.toSeconds(), PHASE.toSeconds(), String.join("\n", rows), failures, CpuTable.render(phases));
        System.out.println(report);
        Results.append(Path.of(System.getProperty("laneway.home", ".")), "ingest.md", null, report);
    }

    /** {@code sync}: the dirty pages of earlier phases go to disk now, not during the next measurement. */
    private static void writeBackPageCache() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (!sync.waitFor(60, TimeUnit.SECONDS)) {
            sync.destroy();
            System.out.println("sync did not finish within 60 s; measuring anyway");
        }
    }

    static ChildProcess startRouter(Path root, Path runDir, LocalInfrastructure infra, String bootstrap, int port) {
        var datasource = infra.datasourceProperties("laneway_router");
        Path jar = root.resolve("router-service/target/router-service.jar");
        List<String> command = new ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx1g"));
        // e.g. -Dbench.router.jvmArgs=-XX:StartFlightRecording=filename=router.jfr,settings=profile to see where time goes
        String extraJvmArgs = System.getProperty("bench.router.jvmArgs", "");
        if (!extraJvmArgs.isBlank()) {
            command.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--laneway.schema-registry.url=" + infra.schemaRegistryUrl(),
                "--spring.datasource.url=" + datasource.get("spring.datasource.url"),
                "--laneway.security.api-keys[0].key=" + API_KEY,
                "--laneway.security.api-keys[0].client=bench",
                "--laneway.security.api-keys[0].scopes=messages:write",
                "--laneway.router.rate-limit.default-per-second=100000000",
                // nothing consumes during the benchmark: lag is not overload here
                "--laneway.router.backpressure.default-healthy-lag=1000000000000",
                "--laneway.router.backpressure.healthy-lag.FAST=1000000000000",
                "--logging.level.io.laneway=WARN",
                "--server.tomcat.threads.max=200"));
        return ChildProcess.start("router-service", command, root, runDir.resolve("router-service.log"));
    }

}
