package io.laneway.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.launcher.Platform;
import io.laneway.launcher.ServicePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./bench/soak}: the whole platform at half its capacity for 20 minutes (issue #8). Capacity is measured first,
 * in the same run: 64 closed-loop clients POSTing single envelopes for 30 s. Then half of that rate arrives open-loop
 * while every 15 s the RSS of each service and the pool's lag per lane are sampled. Pass: after the warm-up (the first
 * fifth) no service's RSS grows by 10% or more, and the fast lane's lag never exceeds 10 seconds of traffic.
 * Appends to benchmarks/results/soak.md. Loopback only; stops by itself.
 */
public final class SoakBenchmark {

    private static final int MINUTES = Integer.getInteger("bench.minutes", 20);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    /** One sampling moment: each service's RSS, the lanes' lag, and for CPU per envelope the processes' CPU and the pool's count. */
    record Sample(long atSeconds, Map<String, Long> rssKb, Map<String, Long> lag, CpuTimes cpu, long processed) {
    }

    /**
     * A fixed, pre-touched heap (as a container with -Xms = -Xmx would run): the whole heap is resident from the start,
     * so RSS growth shows native memory, metaspace or threads growing, not the heap being touched for the first time.
     * With the launcher's default (a growing 512 MB serial heap) RSS rose by the heap filling up while the live set
     * stayed flat (measured on projection-service: 356 -> 471 MiB RSS, ~100 MiB live after a full GC).
     */
    static final String SERVICE_JVM_ARGS = System.getProperty("laneway.platform.jvmArgs", "-Xms512m -Xmx512m -XX:+AlwaysPreTouch");

    public static void main(String[] args) throws Exception {
        System.setProperty("laneway.platform.jvmArgs", SERVICE_JVM_ARGS);
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        List<String> quiet = List.of("--logging.level.io.laneway=WARN");
        String report;
        try (Platform platform = Platform.start(ServicePorts.random(), root, root.resolve("benchmarks/target/soak-run"), Map.of(
                "router-service", List.of("--logging.level.io.laneway=WARN", "--laneway.router.rate-limit.default-per-second=1000000"),
                "consumer-pool-service", quiet, "saga-orchestrator", quiet, "projection-service", quiet))) {
            HttpLoad load = new HttpLoad(URI.create(platform.routerUrl() + "/v1/messages"), platform.apiKey());
            String body = "{\"type\":\"demo.greet\",\"priority\":\"normal\",\"payload\":{\"name\":\"soak\"}}";
            System.out.println("warm-up, then capacity: 64 closed-loop clients for 30 s ...");
            load.closedLoop(body, 32, Duration.ofSeconds(15));
            Map<String, Long> processes = PlatformCosts.processes(platform);
            CpuTimes beforeCapacity = CpuTimes.of(processes);
            HttpLoad.Result capacityRun = load.closedLoop(body, 64, Duration.ofSeconds(30));
            // the units are requests accepted: the pool and the projection work behind them, possibly a little later
            CpuTable.Phase capacityCpu = CpuTable.Phase.since("capacity (64 clients, closed loop, Java client)", "request accepted",
                    beforeCapacity, processes, capacityRun.accepted());
            double capacity = capacityRun.acceptedPerSecond(1);
            double rate = capacity / 2;
            System.out.printf("capacity %.0f envelopes/s; soaking at %.0f/s for %d min ...%n", capacity, rate, MINUTES);

            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            var result = new HttpLoad.Result[1];
            Thread driver = Thread.ofPlatform().daemon().name("soak-load").start(() -> {
                try {
                    result[0] = load.openLoop(body, rate, Duration.ofMinutes(MINUTES));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (Admin admin = admin(platform)) {
                while (driver.isAlive()) {
                    driver.join(SAMPLE_EVERY.toMillis()); // the sampling period; ends early when the load is done
                    long at = (System.nanoTime() - started) / 1_000_000_000;
                    Sample sample = new Sample(at, rss(platform), lag(admin), CpuTimes.of(processes),
                            Services.processed(platform.ports().pool(), null));
                    samples.add(sample);
                    System.out.printf("  %4d s  rss %s  lag %s%n", at, sample.rssKb(), sample.lag());
                }
            }
            report = report(capacity, rate, samples, result[0], capacityCpu);
        }
        System.out.println(report);
        Results.append(root, "soak.md", "# Soak results\n\nCommand: `./bench/soak` (`BENCH_JAVA_OPTS=-Dbench.minutes=N` for another "
                + "length). Targets (issue #8): at half capacity for 20 minutes, RSS growth < 10% after warm-up, lag bounded.\n", report);
        System.exit(0);
    }

    private static Map<String, Long> rss(Platform platform) {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (ChildProcess service : platform.services()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb.put(service.name(), Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (Exception e) {
                kb.put(service.name(), -1L); // gone: shows in the table as a failure
            }
        }
        return kb;
    }

    /** Records waiting for the pool per lane: end offsets minus the lane group's committed offsets. */
    private static Map<String, Long> lag(Admin admin) throws Exception {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String lane : List.of("fast", "heavy", "long-running")) {
            String topic = "laneway.lane." + lane;
            var committed = admin.listConsumerGroupOffsets("laneway-pool-" + lane).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long total = 0;
            for (var e : ends.entrySet()) {
                var done = committed.get(e.getKey());
                total += Math.max(0, e.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            lag.put(lane, total);
        }
        return lag;
    }

    private static Admin admin(Platform platform) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infrastructure().kafkaBootstrapServers());
        return Admin.create(props);
    }

    private static String report(double capacity, double rate, List<Sample> samples, HttpLoad.Result load, CpuTable.Phase capacityCpu) {
        int warmupIndex = Math.max(0, samples.size() / 5 - 1);
        Sample afterWarmup = samples.get(warmupIndex);
        Sample last = samples.getLast();
        StringBuilder t = new StringBuilder("| service | RSS after warm-up | RSS at the end | max after warm-up | growth | |\n|---|---|---|---|---|---|\n");
        boolean rssOk = true;
        for (String service : afterWarmup.rssKb().keySet()) {
            long base = afterWarmup.rssKb().get(service);
            long end = last.rssKb().getOrDefault(service, -1L);
            long max = samples.subList(warmupIndex, samples.size()).stream().mapToLong(s -> s.rssKb().getOrDefault(service, -1L)).max().orElse(-1);
            double growth = 100.0 * (end - base) / base;
            boolean ok = end > 0 && growth < 10;
            rssOk &= ok;
            t.append(String.format("| %s | %,d MiB | %,d MiB | %,d MiB | %+.1f%% | %s |%n", service, base / 1024, end / 1024, max / 1024, growth,
                    ok ? "ok" : "over 10%"));
        }
        long maxFastLag = samples.subList(warmupIndex, samples.size()).stream().mapToLong(s -> s.lag().get("fast")).max().orElse(0);
        boolean lagOk = maxFastLag <= rate * 10;
        // CPU per envelope the pool processed, in the first and the second half after the warm-up: a soak that gets
        // dearer per envelope over time (GC of a growing heap, a store's compactions) shows here
        Sample middle = samples.get((warmupIndex + samples.size() - 1) / 2);
        List<CpuTable.Phase> cpu = List.of(capacityCpu, soakPhase("soak, first half after the warm-up", afterWarmup, middle),
                soakPhase("soak, second half", middle, last));
        Figures.put("soak.cpu.us.per.envelope", cpu.getLast().total());
        return String.format("""

                ## Soak %s, commit %s
                Machine: %d cores, %.0f GiB. Command: `./bench/soak` (%d minutes; capacity measured first: %,.0f envelopes/s with 64 clients;
                soak at %,.0f/s open loop, demo.greet through router, pool, projection; sampled every %d s; warm-up = the first fifth;
                service JVMs: `%s`).

                %s
                Fast-lane lag after warm-up: max %,d records, at the end %,d (bound: 10 s of traffic = %,.0f): %s.
                Requests: %,d sent, %,d accepted, %,d not accepted; latency p50 %.1f ms, p99 %.1f ms.
                RSS growth < 10%%: %s.

                CPU per unit of work, from the OS (user + system; the broker runs in the benchmark JVM with the load generator):

                %s""", LocalDate.now(), Machine.commit(), Runtime.getRuntime().availableProcessors(), Machine.totalMemoryGiB(), MINUTES, capacity,
                rate, SAMPLE_EVERY.toSeconds(), SERVICE_JVM_ARGS, t, maxFastLag, last.lag().get("fast"), rate * 10, lagOk ? "bounded" : "NOT bounded",
                load == null ? 0 : load.requests(), load == null ? 0 : load.accepted(), load == null ? 0 : load.failed(),
                load == null ? 0 : load.p(50), load == null ? 0 : load.p(99), rssOk ? "met" : "missed", CpuTable.render(cpu));
    }

    private static CpuTable.Phase soakPhase(String name, Sample from, Sample to) {
        return new CpuTable.Phase(name, "envelope processed", to.cpu().minus(from.cpu()).microsPer(to.processed() - from.processed()));
    }
}
