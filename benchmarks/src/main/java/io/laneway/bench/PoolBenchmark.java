package io.laneway.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pool benchmark: the same preloaded envelopes (type demo.work, 1 ms of simulated downstream latency,
 * 1000 ordering keys, 12 partitions) processed with the same exactly-once work (idempotency row + effect row +
 * outbox row in PostgreSQL, synchronous commit) by
 * <ol>
 * <li>the Laneway pool (the real consumer-pool-service jar, as a child JVM),</li>
 * <li>a plain Spring Kafka listener container (what {@code @KafkaListener} builds), concurrency = partitions,
 *     one transaction per record,</li>
 * <li>Confluent Parallel Consumer 0.5.3.3 with KEY ordering, one transaction per record.</li>
 * </ol>
 * Throughput = envelopes after the warm-up / (last effect - the first timed effect), from the effect rows' commit
 * timestamps; duplicates = effect rows - distinct message ids, over all envelopes. Prints a table and appends it to benchmarks/results/pool.md.
 */
public final class PoolBenchmark {

    static final int RECORDS = Integer.getInteger("bench.records", 400_000);
    /**
     * The first envelopes each contender processes are its JIT warm-up and are not timed: every contender starts cold (a
     * fresh pool JVM, fresh listener and Parallel Consumer code), and the saga benchmark found freshly started JVMs on
     * these two cores spending up to a third of the machine compiling (benchmarks/results/saga.md, 2026-11-25).
     */
    static final int WARMUP_RECORDS = Integer.getInteger("bench.warmupRecords", RECORDS / 2);
    static final int KEYS = 1000;
    static final long WORK_MILLIS = Long.getLong("bench.workMillis", 1);
    static final int PARTITIONS = Topics.all().get(Topics.LANE_FAST);
    static final int PC_CONCURRENCY = Integer.getInteger("bench.pcConcurrency", 16);

    /**
     * @param cpuMicros  per process, CPU time per envelope over the timed part (after the warm-up), in µs
     * @param statements with {@code -Dlaneway.postgres.statementStats=true}: PostgreSQL's statements per envelope over the
     *                   same part; null otherwise
     * @param jitMicros  of the pool JVM's CPU per envelope, what its JIT compiler threads took (a JVM still compiling is
     *                   not warm yet); NaN for the baselines
     */
    record Result(String name, long envelopes, double seconds, long duplicates, Map<String, Double> cpuMicros, String statements,
                  List<String> flames, double jitMicros) {
        double perSecond() {
            return envelopes / seconds;
        }

        double cpuMicrosTotal() {
            return cpuMicros.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * The processes whose CPU time each run is charged with: PostgreSQL (with its backends), the broker, the registry, this
     * JVM (where the baselines run) and, while it runs, the pool's JVM.
     */
    static final Map<String, Long> PROCESSES = new java.util.LinkedHashMap<>();
    static final String POOL_PROCESS = "consumer-pool-service";
    /** Where pg_stat_statements is read from, when it is loaded. */
    static io.laneway.infra.LocalPostgres postgres;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/run");
        List<Result> results = new ArrayList<>();
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), runDir);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(), runDir.resolve("kafka-" + System.nanoTime()))) {
            broker.createTopics(Topics.all());
            postgres = infra.postgres();
            PROCESSES.put(CpuTimes.POSTGRES, infra.postgres().postmasterPid());
            PROCESSES.put("Kafka broker", broker.pid());
            PROCESSES.put("schema registry", infra.externalProcessIds().getLast());
            PROCESSES.put("benchmark JVM (the baselines run here)", ProcessHandle.current().pid());
            Map<String, String> datasource = infra.datasourceProperties("laneway_pool");
            System.out.printf("preloading %,d envelopes (%d keys, %d ms work each) ...%n", RECORDS, KEYS, WORK_MILLIS);
            List<String> ids = preload(broker.bootstrapServers(), infra.schemaRegistryUrl());

            // 1) the pool doing exactly the baselines' work (the transaction; outbox rows stay in the table)
            results.add(runPool(root, runDir, infra, broker.bootstrapServers(), datasource, ids.size(), "bench-a",
                    "Laneway pool, same work (outbox rows not relayed)", "--laneway.pool.outbox.relay-enabled=false"));
            // 2) the whole pipeline: the relay also publishes every COMPLETED event to Kafka, exactly once
            results.add(runPool(root, runDir, infra, broker.bootstrapServers(), datasource, ids.size(), "bench-b",
                    "Laneway pool, full pipeline (outbox relayed to Kafka)", "--laneway.pool.outbox.relay-enabled=true"));
            // -Dbench.baselines=false: the pool alone (a profiled run, or iterating on it); its table has no ratios
            if (Boolean.parseBoolean(System.getProperty("bench.baselines", "true"))) {
                try (HikariDataSource db = dataSource(datasource)) {
                    reset(db);
                    results.add(PoolBaselines.listener(broker.bootstrapServers(), infra.schemaRegistryUrl(), db, ids.size()));
                    reset(db);
                    results.add(PoolBaselines.parallelConsumer(broker.bootstrapServers(), infra.schemaRegistryUrl(), db, ids.size()));
                }
            }
        }
        String report = PoolReport.render(results);
        System.out.println(report);
        Results.append(root, "pool.md", null, report);
        System.exit(0); // Parallel Consumer leaves non-daemon threads behind (see STACK.md)
    }

    // ------------------------------------------------------------------ contenders

    private static Result runPool(Path root, Path runDir, LocalInfrastructure infra, String bootstrap, Map<String, String> datasource,
                                  int expected, String groupPrefix, String name, String... args) throws Exception {
        try (HikariDataSource db = dataSource(datasource)) {
            resetIfPresent(db);
        }
        int port = FreePorts.next();
        List<String> poolArgs = new ArrayList<>(List.of(args));
        poolArgs.add("--laneway.pool.group-prefix=" + groupPrefix);
        try (ChildProcess pool = startPool(root, runDir, infra, bootstrap, port, poolArgs)) {
            PROCESSES.put(POOL_PROCESS, pool.pid());
            pool.awaitReady(Duration.ofSeconds(120), () -> Services.ready(port));
            try (HikariDataSource db = dataSource(datasource)) {
                Result result = measure(name, db, expected);
                System.out.println("  fast lane at the end (limit/workers/in flight/buffered/batch): " + Services.laneGauges(port, "fast"));
                return result;
            }
        } finally {
            PROCESSES.remove(POOL_PROCESS);
        }
    }

    // ------------------------------------------------------------------ measuring

    /** Waits until every envelope has its effect, then reads throughput and duplicates from the effect rows. */
    static Result measure(String name, DataSource db, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long distinct = 0;
        long lastPrint = 0;
        CpuTimes cpuAtWarm = null;
        PostgresStatements.Snapshot statementsAtWarm = null;
        Profiles profiles = null;
        SystemProfile system = null;
        long jitAtWarm = -1;
        long doneAtWarm = 0;
        while (System.nanoTime() < deadline) {
            // count(*) is cheap enough to poll (the database is shared with the contender); distinct only when it could be done
            long done = single(db, "select count(*) from demo_work");
            if (cpuAtWarm == null && done >= WARMUP_RECORDS) {
                // CPU is counted from here, over the envelopes done from here: the warm-up's JIT compiling is not charged
                cpuAtWarm = CpuTimes.of(PROCESSES);
                statementsAtWarm = PostgresStatements.take(postgres);
                doneAtWarm = done;
                jitAtWarm = PROCESSES.containsKey(POOL_PROCESS) ? JitActivity.compilerNanos(List.of(PROCESSES.get(POOL_PROCESS))) : -1;
                // -Dbench.profile=true: the pool's JVM sampled over the same part (the baselines run in this JVM, not sampled)
                profiles = Profiles.startIfRequested(PROCESSES.containsKey(POOL_PROCESS)
                        ? Map.of(POOL_PROCESS, PROCESSES.get(POOL_PROCESS)) : Map.of());
                system = PROCESSES.containsKey(POOL_PROCESS) ? SystemProfile.startIfRequested() : null;
            }
            if (done >= expected) {
                distinct = single(db, "select count(distinct message_id) from demo_work");
                if (distinct >= expected) {
                    break;
                }
            }
            if (System.nanoTime() - lastPrint > 5e9) {
                System.out.printf("  %s: %,d / %,d%n", name, single(db, "select count(*) from demo_work"), expected);
                lastPrint = System.nanoTime();
            }
            Thread.sleep(500); // polling the database for progress; the contender runs on its own threads
        }
        if (distinct < expected) {
            throw new IllegalStateException(name + " did not finish within 10 minutes: " + distinct + " of " + expected);
        }
        // timed from the effect that follows the warm-up's last one (the rows in commit order) to the last effect
        double seconds = single(db, "select (extract(epoch from max(created_at) - (select created_at from demo_work order by created_at"
                + " offset " + WARMUP_RECORDS + " limit 1)) * 1000000)::bigint from demo_work") / 1e6;
        long rows = single(db, "select count(*) from demo_work");
        double jitMicros = jitAtWarm < 0 ? Double.NaN
                : (JitActivity.compilerNanos(List.of(PROCESSES.get(POOL_PROCESS))) - jitAtWarm) / 1e3 / (expected - doneAtWarm);
        Path home = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        String slug = name.contains("full pipeline") ? "pool-full" : "pool";
        List<String> flames = new ArrayList<>(profiles == null ? List.of() : profiles.stop(home, slug));
        if (system != null) {
            flames.add("\nPostgreSQL's backends over the same part (perf, whole machine, CPU clock):\n\n" + system.stop(
                    home.resolve("benchmarks/results/flames"), slug + "-postgres-" + Machine.commit() + "-" + LocalDate.now(), "postgres"));
        }
        long counted = expected - doneAtWarm;
        CpuTimes spent = CpuTimes.of(PROCESSES).minus(cpuAtWarm);
        Map<String, Double> cpuMicros = spent.microsPer(counted);
        String statements = statementsAtWarm == null ? null : PostgresStatements.report(statementsAtWarm, PostgresStatements.take(postgres),
                counted, spent.nanos().getOrDefault(CpuTimes.POSTGRES, 0L) / 1e6 / counted, "envelope");
        Result result = new Result(name, expected - WARMUP_RECORDS, seconds, rows - distinct, cpuMicros, statements, flames, jitMicros);
        System.out.printf("  %s: %,.0f envelopes/s, %d duplicate effects, %.0f µs of CPU per envelope %s%n", name, result.perSecond(),
                result.duplicates(), result.cpuMicrosTotal(), cpuMicros);
        return result;
    }

    /** Before the first pool start the tables do not exist yet (the pool's migrations create them). */
    static void resetIfPresent(DataSource db) {
        try {
            reset(db);
        } catch (Exception e) {
            // first run: nothing to reset
        }
    }

    static void reset(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.execute("truncate processed_message, demo_work, outbox_event");
        }
    }

    static long single(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------ setup

    private static List<String> preload(String bootstrap, String registry) {
        return preload(bootstrap, registry, "demo.work", "{\"millis\":" + WORK_MILLIS + "}", RECORDS);
    }

    /** Preloads {@code count} envelopes of one type on the fast lane, keys spread over 1000 ordering keys. */
    static List<String> preload(String bootstrap, String registry, String type, String payloadJson, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(AvroRegistrySerializer.REGISTRY_URL, registry);
        List<String> ids = new ArrayList<>(count);
        byte[] payload = payloadJson.getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String key = "key-" + (i % KEYS);
                Envelope envelope = Envelope.newBuilder().setId(id).setType(type).setPriority(Priority.NORMAL)
                        .setOrderingKey(key).setPayload(ByteBuffer.wrap(payload))
                        .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("bench")
                                .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                        .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                        .build();
                producer.send(new ProducerRecord<>(Topics.LANE_FAST, key, envelope));
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }

    static HikariDataSource dataSource(Map<String, String> datasource) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(datasource.get("spring.datasource.url"));
        config.setUsername(datasource.get("spring.datasource.username"));
        config.setPassword(datasource.get("spring.datasource.password"));
        config.setMaximumPoolSize(Math.max(PC_CONCURRENCY, PARTITIONS) + 4);
        return new HikariDataSource(config);
    }

    static ChildProcess startPool(Path root, Path runDir, LocalInfrastructure infra, String bootstrap, int port,
                                          List<String> args) {
        Path jar = root.resolve("consumer-pool-service/target/consumer-pool-service.jar");
        List<String> command = new ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx1g"));
        // e.g. -Dbench.pool.jvmArgs=-XX:StartFlightRecording=filename=pool.jfr,settings=profile to see where time goes
        String extraJvmArgs = System.getProperty("bench.pool.jvmArgs", "");
        if (!extraJvmArgs.isBlank()) {
            command.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--laneway.schema-registry.url=" + infra.schemaRegistryUrl(), "--logging.level.io.laneway=WARN"));
        command.addAll(LocalInfrastructure.asArguments(infra.datasourceProperties("laneway_pool")));
        command.addAll(args);
        // e.g. -Dbench.pool.args=--laneway.pool.lanes.fast.max-concurrency=16;--laneway.pool.lanes.fast.max-batch=100
        // to try settings without a rebuild (';' separates arguments)
        String extraArgs = System.getProperty("bench.pool.args", "");
        if (!extraArgs.isBlank()) {
            command.addAll(List.of(extraArgs.trim().split(";")));
        }
        return ChildProcess.start("consumer-pool-service", command, root, runDir.resolve("consumer-pool-service.log"));
    }
}
