package io.laneway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import io.laneway.contracts.Topics;
import io.laneway.launcher.Platform;
import io.laneway.launcher.ServicePorts;
import org.HdrHistogram.Histogram;
import org.apache.avro.generic.GenericRecord;

/**
 * Sagas end to end on the whole platform (the four service jars on real Kafka, PostgreSQL and Apicurio):
 * orders are posted to the router at a fixed rate (open loop), each runs place -> reserve -> charge -> ship
 * through the pool's participants and the orchestrator, and its duration is measured from the POST to the
 * saga's outcome event. ~10% of payments are declined (compensated). Appends to benchmarks/results/saga.md.
 */
public final class SagaBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /**
     * Production JIT for the services (C2, as the Helm chart runs them), not the launcher's C1-only start-up
     * flags: measured at 250 orders/s after 3,000 warm-up orders, 215 sagas/s with C2 against 159 with C1 only.
     */
    static final String SERVICE_JVM_ARGS = System.getProperty("laneway.platform.jvmArgs", "-Xmx512m -XX:+UseSerialGC");
    /** A burst that loads every class and path of the saga once (a batch POST, big batches everywhere). */
    private static final int WARMUP_ORDERS = Integer.getInteger("bench.warmupOrders", 3000);
    /**
     * Then orders at the measured rate and shape until the JIT compiler threads of all five JVMs together use less than
     * this share of one core over 10 s ({@link JitActivity}): after the burst alone they still used 73% of a core
     * during the measurement. Bounded by {@code bench.warmupMaxSeconds}.
     */
    private static final double SETTLED_JIT_CORES = Double.parseDouble(System.getProperty("bench.settledJitCores", "0.10"));
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.warmupMaxSeconds", 240);
    /** Paced warm-up at the measured rate, but not above this: a rate beyond capacity would pile up a backlog instead. */
    /** The platform with no orders, measured just before them: the floor under every saga's CPU. */
    private static final Duration IDLE_BASELINE = Duration.ofSeconds(Long.getLong("bench.idleSeconds", 15));
    private static final int WARMUP_RATE = Math.min(RATE, Integer.getInteger("bench.warmupRate", 150));

    private static final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private static final Map<String, Long> decidedAt = new ConcurrentHashMap<>();
    private static final Map<String, String> outcome = new ConcurrentHashMap<>();
    private static volatile boolean tailing = true;
    private static final int MAX_ORDERS_PER_POST = 500;

    public static void main(String[] args) throws Exception {
        System.setProperty("laneway.platform.jvmArgs", SERVICE_JVM_ARGS);
        // where PostgreSQL's time goes, per saga (pg_stat_statements, as most production servers run it); =false to leave it out
        System.setProperty(io.laneway.infra.LocalPostgres.STATEMENT_STATS_PROPERTY,
                System.getProperty(io.laneway.infra.LocalPostgres.STATEMENT_STATS_PROPERTY, "true"));
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/saga-run");
        List<String> quiet = List.of("--logging.level.io.laneway=WARN");
        String report;
        try (Platform platform = Platform.start(ServicePorts.random(), root, runDir, Map.of(
                "router-service", List.of("--logging.level.io.laneway=WARN", "--laneway.router.rate-limit.default-per-second=1000000"),
                "consumer-pool-service", List.of("--logging.level.io.laneway=WARN", "--laneway.pool.examples.payment-gateway.decline-rate=0.10"),
                "saga-orchestrator", quiet, "projection-service", quiet))) {
            seedStock(platform);
            // a daemon: if the run fails, the JVM still ends when main does (a benchmark stops by itself)
            Thread tail = Thread.ofPlatform().daemon().name("outcome-tail").start(() -> tailOutcomes(platform));
            HttpClient http = HttpClient.newHttpClient();
            System.out.printf("warm-up: %d orders ...%n", WARMUP_ORDERS);
            List<String> warmup = postOrders(http, platform, WARMUP_ORDERS);
            awaitDecided(warmup, Duration.ofMinutes(5));
            List<Long> jvms = List.copyOf(Profiles.platformJvms(platform).values());
            String settled = warmUntilJitSettles(http, platform, jvms);
            // the baseline in the same run: what the platform costs with no orders at all, just before them
            PlatformCosts.Snapshot idleBefore = PlatformCosts.take(platform);
            Thread.sleep(IDLE_BASELINE); // a measured idle phase of the benchmark, not synchronisation
            PlatformCosts.Snapshot idleAfter = PlatformCosts.take(platform);

            String poolBefore = Services.metrics(platform.ports().pool());
            PlatformCosts.Snapshot costsBefore = PlatformCosts.take(platform);
            PostgresStatements.Snapshot statementsBefore = PostgresStatements.take(platform.infrastructure().postgres());
            long jitBefore = JitActivity.compilerNanos(jvms);
            Profiles profiles = Profiles.startIfRequested(Profiles.platformJvms(platform));
            SystemProfile system = SystemProfile.startIfRequested();
            System.out.printf("measuring: %d orders/s for %d s (open loop) ...%n", RATE, SECONDS);
            List<String> measured = new ArrayList<>();
            // the fast lane's gauges every 5 s: a run that queues shows whether it waits for workers or for its limit
            List<String> fastLane = new ArrayList<>();
            long start = System.nanoTime();
            measured.addAll(postPaced(http, platform, RATE, SECONDS * 10, tick -> {
                if (tick % 50 == 49) {
                    String scrape = Services.metrics(platform.ports().pool()); // one scrape: the pool is under measurement
                    fastLane.add(Services.laneGauges(scrape, "fast") + " (" + Services.expectedHandlerMillis(scrape, "fast") + ")");
                }
            }));
            long sendSeconds = (System.nanoTime() - start) / 1_000_000;
            String jitDuring = jitBefore < 0 ? "not measured (no /proc)" : String.format("%.0f%% of one core",
                    100.0 * (JitActivity.compilerNanos(jvms) - jitBefore) / (System.nanoTime() - start));
            // where the work queues when the last order is in: the stage with the largest lag is the bottleneck
            String lagWhenSent = io.laneway.infra.ConsumerLags.report(platform.infrastructure().kafkaBootstrapServers());
            boolean all = awaitDecided(measured, Duration.ofMinutes(5));
            List<String> flames = profiles.stop(root, "saga");
            String postgresProfile = system == null ? "" : "\nPostgreSQL's backends in the same phase (perf, whole machine, CPU clock):\n\n"
                    + system.stop(root.resolve("benchmarks/results/flames"), "saga-postgres-" + Machine.commit() + "-" + java.time.LocalDate.now(),
                    "postgres");
            // from the first measured order to the last outcome: the whole platform's work for these sagas
            PlatformCosts.Snapshot costsAfter = PlatformCosts.take(platform);
            String costs = PlatformCosts.report(costsBefore, costsAfter, measured.size(), "saga") + "\n"
                    + PlatformCosts.idleFloor(idleBefore, idleAfter, costsBefore, costsAfter, measured.size(), "saga") + "\n"
                    + PostgresStatements.report(statementsBefore, PostgresStatements.take(platform.infrastructure().postgres()), measured.size(),
                    PlatformCosts.millisPerUnit(costsBefore, costsAfter, PlatformCosts.POSTGRES, measured.size()), "saga");
            tailing = false;
            tail.join(5_000);
            report = report(measured, sendSeconds, all) + "\nConsumer lag when the last order was sent (records; 0 not shown): "
                    + lagWhenSent.lines().filter(line -> !line.endsWith("lag=0") && !line.startsWith("bench-")).toList() + "\n"
                    + "\nDuring the measurement (pool histograms): " + String.join("; ", laneLatencies(platform, poolBefore)) + "\n"
                    + "\nJIT compiler threads (all five JVMs): " + settled + "; while the orders were sent " + jitDuring + "\n"
                    + "\nFast lane every 5 s (limit/workers/in flight/buffered/batch, then expected ms per type): " + String.join(", ", fastLane) + "\n"
                    + "\n" + costs
                    + (flames.isEmpty() ? "" : "\nFlame graphs of the measured phase (`-Dbench.profile=true`; sampling costs CPU, so read them for"
                    + " shares, an unprofiled run for the totals):\n" + String.join("\n", flames) + "\n")
                    + postgresProfile
                    + "\nWhere a measured saga's time goes (gaps between the stamps its records carry; see SagaHops):\n\n"
                    + SagaHops.report(platform.infrastructure().kafkaBootstrapServers(), platform.infrastructure().schemaRegistryUrl(),
                    sentAt, new java.util.HashSet<>(measured));
        }
        System.out.println(report);
        Results.append(root, "saga.md", null, report);
        System.exit(0);
    }

    /**
     * End-to-end latency per lane during the measurement (the histogram's growth since {@code before}, so the warm-up
     * burst is left out): from the router routing an envelope to the pool committing its effects, as the pool's
     * {@code laneway.pool.end_to_end} histogram saw it. Shipping runs on the fast lane once the router has learned
     * how short it is.
     */
    private static List<String> laneLatencies(Platform platform, String before) {
        String scrape = Services.metrics(platform.ports().pool());
        List<String> figures = new ArrayList<>();
        for (String lane : List.of("fast", "heavy", "long-running")) {
            double p50 = Figures.histogramQuantileBetween(before, scrape, "laneway_pool_end_to_end_seconds", "lane=\"" + lane + "\"", 0.5);
            double p99 = Figures.histogramQuantileBetween(before, scrape, "laneway_pool_end_to_end_seconds", "lane=\"" + lane + "\"", 0.99);
            Figures.put("lane." + lane + ".p50", p50 * 1000);
            Figures.put("lane." + lane + ".p99", p99 * 1000);
            if (!Double.isNaN(p50)) {
                figures.add(String.format("%s lane end to end p50 %.0f ms, p99 %.0f ms", lane, p50 * 1000, p99 * 1000));
            }
        }
        figures.forEach(System.out::println);
        return figures;
    }

    /**
     * Orders at the measured rate (at most {@code bench.warmupRate}), 10 s at a time, until the compiler threads settle (or the time is up); then their
     * sagas are awaited, so the measurement starts warm and without a backlog, as after the burst.
     */
    private static String warmUntilJitSettles(HttpClient http, Platform platform, List<Long> jvms) throws Exception {
        List<String> posted = new ArrayList<>();
        String settled = JitActivity.warmUntilSettled(jvms, SETTLED_JIT_CORES, Duration.ofSeconds(WARMUP_MAX_SECONDS),
                () -> posted.addAll(postPaced(http, platform, WARMUP_RATE, 100, tick -> { })));
        awaitDecided(posted, Duration.ofMinutes(5)); // a backlog left by the compilers' share is not the measurement's
        return settled + ", at " + WARMUP_RATE + " orders/s";
    }

    /**
     * Open loop: {@code rate / 10} orders every 100 ms for {@code ticks} ticks, each tick due on its own schedule, so a slow
     * answer does not slow the offered rate down; {@code afterTick} runs after each tick's POST (given the tick's index).
     */
    private static List<String> postPaced(HttpClient http, Platform platform, int rate, int ticks, IntConsumer afterTick)
            throws Exception {
        List<String> posted = new ArrayList<>();
        int perTick = Math.max(1, rate / 10);
        long start = System.nanoTime();
        for (int tick = 0; tick < ticks; tick++) {
            long wait = (start + tick * 100_000_000L - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            posted.addAll(postOrders(http, platform, perTick));
            afterTick.accept(tick);
        }
        return posted;
    }


    /** Posts {@code count} orders in batches the router accepts (its body limit is 256 KB, ~1,300 orders). */
    private static List<String> postOrders(HttpClient http, Platform platform, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        for (int posted = 0; posted < count; posted += MAX_ORDERS_PER_POST) {
            ids.addAll(postBatch(http, platform, Math.min(MAX_ORDERS_PER_POST, count - posted)));
        }
        return ids;
    }

    private static List<String> postBatch(HttpClient http, Platform platform, int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < count; i++) {
            String orderId = "order-" + UUID.randomUUID();
            ids.add(orderId);
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"").append(orderId)
                    .append("\",\"customerId\":\"c-").append(i % 100).append("\",\"lines\":[{\"sku\":\"sku-").append(i % 10)
                    .append("\",\"quantity\":1,\"unitPriceCents\":990}]}}");
        }
        batch.append("]}");
        long now = System.currentTimeMillis();
        ids.forEach(id -> sentAt.put(id, now));
        var response = http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages:batch"))
                .header("Content-Type", "application/json").header("X-API-Key", platform.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("router answered " + response.statusCode() + " to a batch of " + count + " orders");
        }
        return ids;
    }

    /** Notes when each order's outcome was decided, from laneway.order.events. */
    private static void tailOutcomes(Platform platform) {
        TopicTail.follow(platform, Topics.ORDER_EVENTS, "earliest", () -> tailing, (key, event) -> {
            String type = ((GenericRecord) event.get("event")).getSchema().getName();
            if (type.equals("OrderCompleted") || type.equals("OrderCancelled")) {
                decidedAt.putIfAbsent(event.get("orderId").toString(), (Long) event.get("occurredAt"));
                outcome.putIfAbsent(event.get("orderId").toString(), type);
            }
        });
    }

    private static boolean awaitDecided(List<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long decided = ids.stream().filter(decidedAt::containsKey).count();
            if (decided == ids.size()) {
                return true;
            }
            Thread.sleep(500); // progress check of the benchmark, not synchronisation of the system under test
        }
        return false;
    }

    private static void seedStock(Platform platform) throws Exception {
        Map<String, String> ds = platform.infrastructure().datasourceProperties(Platform.POOL_DATABASE);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(ds.get("spring.datasource.url"), ds.get("spring.datasource.username"),
                    ds.get("spring.datasource.password"))) {
                for (int i = 0; i < 10; i++) {
                    c.createStatement().executeUpdate("insert into stock (sku, available) values ('sku-" + i + "', 10000000)");
                }
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500); // the pool's migrations create the table at its start
            }
        }
    }

    private static String report(List<String> measured, long sendMillis, boolean all) {
        Histogram durations = new Histogram(600_000, 3);
        long first = Long.MAX_VALUE;
        long last = 0;
        long completed = 0;
        for (String id : measured) {
            Long decided = decidedAt.get(id);
            if (decided == null) {
                continue;
            }
            durations.recordValue(Math.max(0, decided - sentAt.get(id)));
            first = Math.min(first, sentAt.get(id));
            last = Math.max(last, decided);
            completed += "OrderCompleted".equals(outcome.get(id)) ? 1 : 0;
        }
        long decided = durations.getTotalCount();
        double perSecond = decided / Math.max(0.001, (last - first) / 1000.0);
        Figures.put("saga.offered.rate", RATE);
        Figures.put("saga.per.second", perSecond);
        Figures.put("saga.p50", durations.getValueAtPercentile(50));
        Figures.put("saga.p99", durations.getValueAtPercentile(99));
        Figures.put("saga.decided.share", decided / (double) Math.max(1, measured.size()));
        return "\n## Saga benchmark " + LocalDate.now() + ", commit " + Machine.commit() + "\n"
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + String.format("%.0f", Machine.totalMemoryGiB())
                + " GiB. Command: `bench/saga` (offered " + RATE + " orders/s for " + SECONDS + " s, open loop, after " + WARMUP_ORDERS
                + " warm-up orders in a burst, then at " + WARMUP_RATE + "/s until the JIT compilers settle; ~10% payments declined; the four services and the infrastructure on the same 2 cores; service JVM flags: `"
                + String.join(" ", io.laneway.launcher.Platform.serviceJvmArguments()) + "`).\n\n"
                + "| orders offered | decided | completed | compensated | sagas/s (first POST to last outcome) | p50 | p99 | max |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + String.format("| %d | %d%s | %d | %d | %.0f | %d ms | %d ms | %d ms |%n", measured.size(), decided, all ? "" : " (timed out)",
                completed, decided - completed, perSecond, durations.getValueAtPercentile(50), durations.getValueAtPercentile(99),
                durations.getMaxValue())
                + String.format("%nTarget: >= 500 sagas/s with p99 <= 2 s: %s (sending took %d ms).%n",
                perSecond >= 500 && durations.getValueAtPercentile(99) <= 2000 ? "met" : "missed", sendMillis);
    }
}
