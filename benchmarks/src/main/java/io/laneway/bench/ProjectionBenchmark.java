package io.laneway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Projection benchmark on real parts (broker as its own process, Apicurio, the projection-service jar as child JVMs):
 * <ol>
 * <li>preload lifecycle events (ROUTED + COMPLETED per message, 3 lanes, 8 types);</li>
 * <li>baseline: a plain consumer reading and Avro-decoding the same events (what any projection must at least do);</li>
 * <li>one projection instance materializes them all (message status + lane statistics, exactly_once_v2):
 *     events/s from its first committed offset to zero lag;</li>
 * <li>a second instance joins; closed-loop GETs on the first for keys it owns (local) and keys the second owns
 *     (routed): p50/p99 of each.</li>
 * </ol>
 * Prints a table and appends it to benchmarks/results/projection.md.
 */
public final class ProjectionBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 250_000);
    private static final int QUERIES = Integer.getInteger("bench.queries", 20_000);
    private static final int WARMUP_QUERIES = Integer.getInteger("bench.warmupQueries", 10_000);
    private static final String APPLICATION_ID = "laneway-projection-bench";
    /** The key the benchmark's instances accept: reading a view needs an identity, as in production. */
    private static final String API_KEY = "projection-bench-key-" + java.util.UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("laneway.home", ".")).toAbsolutePath().normalize();
        Path runDir = root.resolve("benchmarks/target/projection-run");
        StringBuilder table = new StringBuilder();
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), runDir);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(), runDir.resolve("kafka-" + System.nanoTime()))) {
            broker.createTopics(Topics.all());
            String bootstrap = broker.bootstrapServers();
            long events = preload(bootstrap, infra.schemaRegistryUrl());

            Map<String, Long> baselineProcesses = new LinkedHashMap<>();
            baselineProcesses.put("benchmark JVM (plain consumer, query client)", ProcessHandle.current().pid());
            baselineProcesses.put("Kafka broker", broker.pid());
            CpuTimes beforeBaseline = CpuTimes.of(baselineProcesses);
            double baseline = plainConsumer(bootstrap, infra.schemaRegistryUrl(), events);
            CpuTable.Phase baselineCpu = CpuTable.Phase.since("plain consumer (baseline)", "event", beforeBaseline, baselineProcesses, events);
            System.out.printf("baseline: plain consumer + Avro decode: %,.0f events/s%n", baseline);

            int portA = FreePorts.next();
            int portB = FreePorts.next();
            // The second instance takes its share at once (restoring it) instead of warming up first and taking over
            // at the next probing rebalance, 10 minutes later by default. The group leader decides, so both say so.
            String takeOverAtOnce = "--spring.kafka.streams.properties.acceptable.recovery.lag=" + Long.MAX_VALUE;
            try (ChildProcess first = startProjection(root, runDir, infra, bootstrap, portA, "a", takeOverAtOnce)) {
                long started = System.nanoTime();
                first.awaitReady(Duration.ofSeconds(120), () -> Services.ready(portA));
                Map<String, Long> materializing = new LinkedHashMap<>();
                materializing.put("projection-service", first.pid());
                materializing.put("Kafka broker", broker.pid());
                CpuTimes beforeMaterialize = CpuTimes.of(materializing);
                double[] materialize = awaitMaterialized(bootstrap, events, started);
                CpuTable.Phase materializeCpu = CpuTable.Phase.since("materializing, from the instance's start to zero lag", "event",
                        beforeMaterialize, materializing, events);
                Figures.put("projection.cpu.us.per.event", materializeCpu.total());
                Figures.put("projection.baseline.cpu.us.per.event", baselineCpu.total());
                System.out.printf("one instance materializes %,d events at %,.0f events/s (%.1f s after start)%n", events,
                        materialize[0], materialize[1]);

                try (ChildProcess second = startProjection(root, runDir, infra, bootstrap, portB, "b", takeOverAtOnce)) {
                    second.awaitReady(Duration.ofSeconds(120), () -> Services.ready(portB));
                    awaitBothServe(portA, portB);
                    awaitQuiet(portA, portB); // the second instance's restore and RocksDB compactions are over
                    Histogram local = new Histogram(3);
                    Histogram routed = new Histogram(3);
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    warmQueries(http, portA);
                    Map<String, Long> serving = new LinkedHashMap<>();
                    serving.put("projection-service (queried)", first.pid());
                    serving.put("projection-service (the other)", second.pid());
                    serving.put("Kafka broker", broker.pid());
                    serving.put("benchmark JVM (plain consumer, query client)", ProcessHandle.current().pid());
                    CpuTimes beforeQueries = CpuTimes.of(serving);
                    queries(http, portA, "127.0.0.1:" + portB, local, routed);
                    CpuTable.Phase queryCpu = CpuTable.Phase.since("querying, after " + WARMUP_QUERIES + " warm-up queries", "query",
                            beforeQueries, serving, QUERIES);
                    table.append(report(events, baseline, materialize, local, routed))
                            .append("\nCPU per unit of work, from the OS (user + system); materializing counts from the instance's"
                                    + " start, so its start and JIT are in it:\n\n")
                            .append(CpuTable.render(List.of(baselineCpu, materializeCpu, queryCpu)));
                }
            }
        }
        System.out.print(table);
        Results.append(root, "projection.md", "# Projection benchmark results\n\nCommand: `bench/projection`. Targets (issue #6): local "
                + "query p99 <= 5 ms, routed p99 <= 20 ms, >= 50,000 events/s materialized by one instance on 2 cores.\n", table);
        System.exit(0);
    }

    private static long preload(String bootstrap, String registry) {
        AvroRegistrySerializer<LifecycleEvent> serializer = new AvroRegistrySerializer<>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry), false);
        Lane[] lanes = Lane.values();
        long sent = 0;
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, LifecycleEvent>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), serializer)) {
            Instant now = Instant.now();
            for (int i = 0; i < MESSAGES; i++) {
                String id = "m-" + i;
                Lane lane = lanes[i % lanes.length];
                String type = "bench.type-" + (i % 8);
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, id, event(id, type, lane, MessageStatus.ROUTED, now, null)));
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, id, event(id, type, lane, MessageStatus.COMPLETED, now, 3L + i % 500)));
                sent += 2;
            }
            producer.flush();
        }
        System.out.printf("preloaded %,d lifecycle events in %.1f s%n", sent, (System.nanoTime() - start) / 1e9);
        return sent;
    }

    private static LifecycleEvent event(String id, String type, Lane lane, MessageStatus status, Instant at, Long duration) {
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setMessageId(id).setType(type).setLane(lane)
                .setStatus(status).setOccurredAt(at).setDurationMillis(duration).build();
    }

    /** Reads and decodes every event once, nothing more: the floor of any projection's cost per event. */
    private static double plainConsumer(String bootstrap, String registry, long events) {
        AvroRegistryDeserializer<LifecycleEvent> decoder = new AvroRegistryDeserializer<>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registry, AvroRegistryDeserializer.SPECIFIC_READER, true), false);
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.LIFECYCLE));
            long seen = 0;
            long first = 0;
            long checksum = 0;
            while (seen < events) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    checksum += decoder.deserialize(Topics.LIFECYCLE, record.value()).getAttempt();
                    seen++;
                }
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            if (checksum != events) {
                throw new IllegalStateException("decoded " + checksum + " attempts for " + events + " events");
            }
            return events / seconds;
        }
    }

    /** {events/s from the first committed progress to zero lag, seconds from process start to zero lag}. */
    private static double[] awaitMaterialized(String bootstrap, long events, long startedNanos) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.all().get(Topics.LIFECYCLE); p++) {
                latest.put(new TopicPartition(Topics.LIFECYCLE, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            long firstProgress = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long done = 0;
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    long position = offset == null ? 0 : offset.offset();
                    done += position;
                    lag += Math.max(0, end.getValue() - position);
                }
                long now = System.nanoTime();
                if (done > 0 && firstProgress == 0) {
                    firstProgress = now;
                }
                if (lag == 0 && firstProgress != 0) {
                    // transaction markers make the offsets run slightly ahead of the event count; the rate uses the events
                    return new double[] {events / ((now - firstProgress) / 1e9 + 0.1), (now - startedNanos) / 1e9};
                }
                Thread.sleep(100); // polling the group's committed offsets, 10 times a second
            }
            throw new IllegalStateException("the projection did not catch up within 10 minutes");
        }
    }

    private static void awaitBothServe(int portA, int portB) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            boolean aRouted = false;
            boolean bRouted = false;
            boolean allOk = true;
            for (int i = 0; i < 40 && allOk; i++) {
                var a = http.send(get(portA, "m-" + i), HttpResponse.BodyHandlers.discarding());
                var b = http.send(get(portB, "m-" + i), HttpResponse.BodyHandlers.discarding());
                allOk = a.statusCode() == 200 && b.statusCode() == 200;
                aRouted |= a.headers().firstValue("X-Laneway-Served-By").orElse("").endsWith(":" + portB);
                bRouted |= b.headers().firstValue("X-Laneway-Served-By").orElse("").endsWith(":" + portA);
            }
            if (allOk && aRouted && bRouted) {
                return;
            }
            Thread.sleep(500); // waiting for the rebalance and the restore on the second instance
        }
        throw new IllegalStateException("the two instances did not both serve within 3 minutes");
    }

    private static void awaitQuiet(int... ports) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            boolean quiet = true;
            for (int port : ports) {
                quiet &= cpu(port) < 0.15;
            }
            if (quiet) {
                return;
            }
            Thread.sleep(1000); // sampling the instances' CPU once a second
        }
        System.out.println("note: the instances did not go quiet within 2 minutes; measuring anyway");
    }

    private static double cpu(int port) {
        return Services.metrics(port).lines().filter(l -> l.startsWith("process_cpu_usage"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(1.0);
    }

    private static void warmQueries(HttpClient http, int port) throws Exception {
        for (int warm = 0; warm < WARMUP_QUERIES; warm++) { // both instances' query paths compiled by C2 first
            http.send(get(port, "m-" + (warm * 7919 % MESSAGES)), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void queries(HttpClient http, int port, String other, Histogram local, Histogram routed) throws Exception {
        for (int i = 0; i < QUERIES; i++) {
            long start = System.nanoTime();
            var answer = http.send(get(port, "m-" + ((long) i * 104729 % MESSAGES)), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1000;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("query answered " + answer.statusCode() + ": " + answer.body());
            }
            (answer.headers().firstValue("X-Laneway-Served-By").orElse("").equals(other) ? routed : local).recordValue(micros);
        }
    }

    private static HttpRequest get(int port, String id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages/" + id)).header("X-API-Key", API_KEY).build();
    }

    private static ChildProcess startProjection(Path root, Path runDir, LocalInfrastructure infra, String bootstrap, int port, String name,
                                                String... args) {
        Path jar = root.resolve("projection-service/target/projection-service.jar");
        List<String> command = new ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx1g"));
        String extraJvmArgs = System.getProperty("bench.projection.jvmArgs", "");
        if (!extraJvmArgs.isBlank()) {
            command.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--laneway.schema-registry.url=" + infra.schemaRegistryUrl(), "--logging.level.io.laneway=WARN",
                "--spring.kafka.streams.application-id=" + APPLICATION_ID,
                "--laneway.security.api-keys[0].key=" + API_KEY, "--laneway.security.api-keys[0].client=bench",
                "--laneway.security.api-keys[0].scopes=messages:read",
                "--spring.kafka.streams.state-dir=" + runDir.resolve("state-" + name + "-" + System.nanoTime())));
        command.addAll(List.of(args));
        String extraArgs = System.getProperty("bench.projection.args", "");
        if (!extraArgs.isBlank()) {
            command.addAll(List.of(extraArgs.trim().split(";")));
        }
        return ChildProcess.start("projection-service-" + name, command, root, runDir.resolve("projection-" + name + ".log"));
    }

    private static String report(long events, double baseline, double[] materialize, Histogram local, Histogram routed) {
        Figures.put("projection.events.per.second", materialize[0]);
        Figures.put("projection.baseline.per.second", baseline);
        Figures.put("projection.local.p50", local.getValueAtPercentile(50) / 1000.0);
        Figures.put("projection.routed.p50", routed.getValueAtPercentile(50) / 1000.0);
        Figures.put("projection.local.p99", local.getValueAtPercentile(99) / 1000.0);
        Figures.put("projection.routed.p99", routed.getValueAtPercentile(99) / 1000.0);
        return String.format("""

                ## Projection benchmark %s, commit %s
                Machine: %d cores, %.0f GiB, %s. Command: `bench/projection` (%,d lifecycle events, %,d queries).

                | figure | value | target |
                |---|---|---|
                | events/s materialized by one instance (message status + lane stats, exactly_once_v2) | %,.0f | >= 50,000 |
                | baseline: plain consumer reading + Avro-decoding the same events | %,.0f | |
                | ratio projection / plain consumer | %.2f | |
                | local query p50 / p99 (ms) | %.2f / %.2f (n=%d) | p99 <= 5 |
                | routed query p50 / p99 (ms) | %.2f / %.2f (n=%d) | p99 <= 20 |
                """, LocalDate.now(), Machine.commit(), Runtime.getRuntime().availableProcessors(), Machine.totalMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), events, QUERIES,
                materialize[0], baseline, materialize[0] / baseline,
                local.getValueAtPercentile(50) / 1000.0, local.getValueAtPercentile(99) / 1000.0, local.getTotalCount(),
                routed.getValueAtPercentile(50) / 1000.0, routed.getValueAtPercentile(99) / 1000.0, routed.getTotalCount());
    }
}
