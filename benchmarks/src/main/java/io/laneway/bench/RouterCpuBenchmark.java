package io.laneway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;

/**
 * {@code ./bench/router-cpu}: the router's CPU per single-envelope POST, warm, under {@code wrk} with 64 connections,
 * beside a no-op Spring Boot endpoint's ({@link io.laneway.bench.noop.NoopEndpoint}) measured in the same run on the
 * same cores: CPU per request per process (from the OS), then the latency at half the router's maximum. With
 * {@code -Dbench.profile=true} async-profiler samples the router's CPU during its measured phase and writes a flame
 * graph beside the results. Loopback only; takes about 4 minutes; stops by itself.
 */
public final class RouterCpuBenchmark {

    private static final Duration WARM = Duration.ofSeconds(Long.getLong("bench.warmSeconds", 60));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final int CONNECTIONS = 64;
    /** A light load, as most deployments see most of the day: what a request costs when it does not share its wake-ups. */
    private static final int LIGHT_RATE = Integer.getInteger("bench.lightRate", 50);
    private static final int LIGHT_CONNECTIONS = 8;
    /** The body of CEILINGS.md's no-op measurement: about 1 KB of JSON. */
    private static final String BODY = "{\"type\":\"demo.greet\",\"priority\":\"normal\",\"payload\":{\"name\":\"" + "x".repeat(960) + "\"}}";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/run");
        Files.createDirectories(runDir);
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), runDir);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(), runDir.resolve("kafka-" + System.nanoTime()))) {
            broker.createTopics(Topics.all());
            int routerPort = FreePorts.next();
            int noopPort = FreePorts.next();
            try (ChildProcess router = IngestBenchmark.startRouter(root, runDir, infra, broker.bootstrapServers(), routerPort);
                 ChildProcess noop = startNoop(root, runDir, noopPort)) {
                router.awaitReady(Duration.ofSeconds(120), () -> Services.ready(routerPort));
                noop.awaitReady(Duration.ofSeconds(60), () -> Services.listening(noopPort));
                run(root, runDir, infra, broker, router, noop, routerPort, noopPort);
            }
        }
        System.exit(0);
    }

    private static void run(Path root, Path runDir, LocalInfrastructure infra, KafkaBrokerProcess broker, ChildProcess router,
                            ChildProcess noop, int routerPort, int noopPort) throws Exception {
        Path script = Wrk.postScript(runDir, BODY, IngestBenchmark.API_KEY);
        String noopUrl = "http://127.0.0.1:" + noopPort + "/v1/messages";
        String routerUrl = "http://127.0.0.1:" + routerPort + "/v1/messages";

        System.out.println("no-op endpoint: warming " + WARM.toSeconds() + " s, measuring " + MEASURE.toSeconds() + " s ...");
        Wrk.run(noopUrl, script, CONNECTIONS, WARM);
        Map<String, Long> noopProcesses = Map.of("no-op endpoint", noop.pid());
        var noopBefore = CpuTimes.of(noopProcesses);
        Wrk.Run noopRun = Wrk.run(noopUrl, script, CONNECTIONS, MEASURE);
        var noopSpent = CpuTimes.of(noopProcesses).minus(noopBefore);

        System.out.println("router: warming " + WARM.toSeconds() + " s, measuring " + MEASURE.toSeconds() + " s ...");
        Wrk.run(routerUrl, script, CONNECTIONS, WARM);
        Map<String, Long> routerProcesses = new LinkedHashMap<>();
        routerProcesses.put("router-service", router.pid());
        routerProcesses.put("Kafka broker", broker.pid());
        routerProcesses.put("benchmark JVM (schema registry)", ProcessHandle.current().pid());
        routerProcesses.put(CpuTimes.POSTGRES, infra.postgres().postmasterPid());
        Profiler profiler = Boolean.getBoolean("bench.profile") ? Profiler.attach(router.pid()) : null;
        var routerBefore = CpuTimes.of(routerProcesses);
        Wrk.Run routerRun = Wrk.run(routerUrl, script, CONNECTIONS, MEASURE);
        var routerSpent = CpuTimes.of(routerProcesses).minus(routerBefore);
        String flame = profiler == null ? null : profiler.stop(root.resolve("benchmarks/results/flames"),
                "router-" + Machine.commit() + "-" + LocalDate.now());

        double half = routerRun.perSecond() / 2;
        // paced by wrk: 64 connections, each pausing so that together they ask for half the maximum (a pause far longer
        // than a response, so the rate asked is about the rate sent)
        Path paced = Wrk.postScript(runDir, BODY, IngestBenchmark.API_KEY, CONNECTIONS * 1000.0 / half);
        System.out.printf("router at half its maximum (%.0f/s, paced, 30 s) ...%n", half);
        Wrk.run(routerUrl, paced, CONNECTIONS, Duration.ofSeconds(10));
        var halfBefore = CpuTimes.of(routerProcesses);
        Wrk.Run atHalf = Wrk.run(routerUrl, paced, CONNECTIONS, Duration.ofSeconds(30));
        List<CpuTable.Phase> cpu = new ArrayList<>();
        cpu.add(phase("no-op endpoint, maximum (the baseline)", noopRun, noopSpent));
        cpu.add(phase("router, maximum", routerRun, routerSpent));
        cpu.add(phase("router, half the maximum", atHalf, CpuTimes.of(routerProcesses).minus(halfBefore)));

        System.out.printf("light load: %d requests/s, no-op endpoint then router, %d s each ...%n", LIGHT_RATE, MEASURE.toSeconds());
        Path light = Wrk.postScript(runDir, BODY, IngestBenchmark.API_KEY, LIGHT_CONNECTIONS * 1000.0 / LIGHT_RATE);
        var noopLightBefore = CpuTimes.of(noopProcesses);
        Wrk.Run noopLight = Wrk.run(noopUrl, light, LIGHT_CONNECTIONS, MEASURE);
        cpu.add(phase("no-op endpoint, " + LIGHT_RATE + "/s (the baseline)", noopLight, CpuTimes.of(noopProcesses).minus(noopLightBefore)));
        var routerLightBefore = CpuTimes.of(routerProcesses);
        Wrk.Run routerLight = Wrk.run(routerUrl, light, LIGHT_CONNECTIONS, MEASURE);
        cpu.add(phase("router, " + LIGHT_RATE + "/s", routerLight, CpuTimes.of(routerProcesses).minus(routerLightBefore)));

        List<String> rows = new ArrayList<>();
        rows.add(row("no-op endpoint (baseline)", noopRun, noopSpent, "no-op endpoint"));
        rows.add(row("router-service POST /v1/messages", routerRun, routerSpent, "router-service"));
        double routerMicros = routerSpent.nanos().get("router-service") / 1e3 / routerRun.requests();
        double noopMicros = noopSpent.nanos().get("no-op endpoint") / 1e3 / noopRun.requests();
        Figures.put("router.cpu.us.per.request", routerMicros);
        Figures.put("noop.cpu.us.per.request", noopMicros);

        String report = String.format("""

                ## Router CPU per request, %s (commit %s)
                Machine: %d cores, %d GiB RAM, %s. Command: `./bench/router-cpu`%s. wrk -t2 -c%d, %d s warm-up then %d s
                measured per target; a ~1 KB JSON body; CPU from the OS (user + system) over the measured phase.

                | what | requests/s | p50 | p99 | non-2xx | server CPU per request |
                |---|---|---|---|---|---|
                %s

                CPU per request, per process and phase (from the OS; wrk's own from its threads):

                %s
                Router at half its maximum (asked %.0f/s, got %.0f/s; wrk, %d connections paced, 30 s): p50 %.1f ms, p99 %.1f ms, %d non-2xx.
                Router CPU per request: **%.0f µs**, %.1fx the no-op endpoint's %.0f µs.%s
                """, LocalDate.now(), Machine.commit(), Runtime.getRuntime().availableProcessors(),
                Math.round(Machine.totalMemoryGiB()), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                (Boolean.getBoolean("bench.profile") ? " with `-Dbench.profile=true`" : "")
                        + (System.getProperty("bench.router.jvmArgs", "").isBlank() ? ""
                        : " with `-Dbench.router.jvmArgs=\"" + System.getProperty("bench.router.jvmArgs") + "\"`"), CONNECTIONS, WARM.toSeconds(),
                MEASURE.toSeconds(), String.join("\n", rows), CpuTable.render(cpu), half, atHalf.perSecond(), CONNECTIONS, atHalf.p50Millis(), atHalf.p99Millis(), atHalf.non2xx() + atHalf.errors(),
                routerMicros, routerMicros / noopMicros, noopMicros,
                flame == null ? "" : "\nFlame graph of the router's measured phase: [" + flame + "](flames/" + flame + ").");
        System.out.println(report);
        Results.append(root, "router-cpu.md", "# Router CPU per request (`./bench/router-cpu`)\n", report);
    }

    private static CpuTable.Phase phase(String name, Wrk.Run run, CpuTimes spent) {
        return new CpuTable.Phase(name, "request", spent.microsPer(run.requests()))
                .with("wrk (load generator)", run.cpuSeconds() * 1e6 / Math.max(1, run.requests()));
    }

    private static String row(String what, Wrk.Run run, CpuTimes spent, String server) {
        return String.format("| %s | %,.0f | %.1f ms | %.1f ms | %d | %.0f µs |", what, run.perSecond(), run.p50Millis(),
                run.p99Millis(), run.non2xx() + run.errors(), spent.nanos().get(server) / 1e3 / run.requests());
    }

    private static ChildProcess startNoop(Path root, Path runDir, int port) {
        List<String> command = List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                io.laneway.bench.noop.NoopEndpoint.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        return ChildProcess.start("no-op endpoint", command, root, runDir.resolve("noop-endpoint.log"));
    }
}
