package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.TopicContents;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Pool faults with a nothing-lost check: kill -9 of the pool's JVM in the middle of 10,000 envelopes, then a restart;
 * a second instance joining and then leaving (two rebalances) while load keeps arriving. Every envelope's effect
 * exists exactly once in PostgreSQL and every COMPLETED event reaches Kafka exactly once (read committed).
 */
class PoolCrashTest {

    private static final String DATABASE = "laneway_pool_crash";
    private static final int ENVELOPES = 10_000;

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void aKilledPoolLosesNothingAndDuplicatesNothing() throws Exception {
        infra.kafka().createTopics(Topics.all());
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path runDir = Path.of("target", "crash-run").toAbsolutePath();
        int port = FreePorts.next();
        Set<String> ids = publish();

        ChildProcess first = startPool(root, runDir, port, "first");
        long midway = ENVELOPES / 10;
        Await.until("the pool to be part-way through", Duration.ofSeconds(120), () -> effects("count(*)") >= midway);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        Await.until("the killed pool to be gone", Duration.ofSeconds(30), () -> !first.isAlive());
        long atKill = effects("count(*)");
        assertThat(atKill).as("killed mid-way, not after the end").isLessThan(ENVELOPES);

        try (ChildProcess second = startPool(root, runDir, port, "second")) {
            Await.until("every envelope's effect after the restart", Duration.ofSeconds(180),
                    () -> effects("count(distinct message_id)") == ENVELOPES);
            assertThat(effects("count(*)")).as("effect rows (a duplicate would show here)").isEqualTo(ENVELOPES);
            Await.until("the outbox drained", Duration.ofSeconds(60), () -> query("select count(*) from outbox_event") == 0);
            Map<String, Integer> completed = completedEvents(ids);
            assertThat(completed.keySet()).as("a COMPLETED event for every envelope").isEqualTo(ids);
            assertThat(completed.values()).as("no COMPLETED event twice").allMatch(n -> n == 1);
        }
    }

    @Test
    void poolInstancesJoiningAndLeavingUnderLoadLoseNothingAndDuplicateNothing() throws Exception {
        infra.kafka().createTopics(Topics.all());
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path runDir = Path.of("target", "rebalance-run").toAbsolutePath();
        String database = "laneway_pool_rebalance";
        // its own consumer groups and database: the other test's envelopes on the same topic are counted apart
        String[] groups = {"--laneway.pool.group-prefix=rebalance-pool"};
        List<String> ordered = new ArrayList<>();
        for (int i = 0; i < ENVELOPES; i++) {
            ordered.add(UUID.randomUUID().toString());
        }
        Set<String> ids = new HashSet<>(ordered);
        String[] ours = ordered.toArray(String[]::new);

        try (ChildProcess first = startPool(root, runDir, FreePorts.next(), "rebalance-first", database, groups)) {
            // load keeps arriving (10,000 over ~30 s) while instances join and leave
            Thread publisher = Thread.ofPlatform().name("paced-publisher").start(() -> publishPaced(ordered, Duration.ofSeconds(30)));
            Await.until("the first instance part-way through", Duration.ofSeconds(120), () -> ourEffects(database, ours, false) >= ENVELOPES / 10);
            int secondPort = FreePorts.next();
            try (ChildProcess second = startPool(root, runDir, secondPort, "rebalance-second", database, groups)) { // a rebalance
                Await.until("the second instance to take a share of the work", Duration.ofSeconds(120), () -> processedBy(secondPort) > 0);
            } // closing is SIGTERM: the second leaves the group (another rebalance) while envelopes are still waiting
            assertThat(ourEffects(database, ours, false)).as("it left before the end").isLessThan(ENVELOPES);
            publisher.join();

            Await.until("every envelope's effect", Duration.ofSeconds(180), () -> ourEffects(database, ours, true) == ENVELOPES);
            assertThat(ourEffects(database, ours, false)).as("effect rows (a duplicate would show here)").isEqualTo(ENVELOPES);
            Await.until("a COMPLETED event for every envelope", Duration.ofSeconds(60), () -> completedEvents(ids).size() == ENVELOPES);
            Map<String, Integer> completed = completedEvents(ids);
            assertThat(completed.values()).as("no COMPLETED event twice").allMatch(n -> n == 1);
        }
    }

    /** Effect rows of these envelopes only (all rows, or distinct message ids). */
    private long ourEffects(String database, String[] ids, boolean distinct) {
        Map<String, String> ds = infra.datasourceProperties(database);
        try (Connection c = DriverManager.getConnection(ds.get("spring.datasource.url"), ds.get("spring.datasource.username"),
                ds.get("spring.datasource.password"));
             var statement = c.prepareStatement("select count(" + (distinct ? "distinct message_id" : "*")
                     + ") from demo_work where message_id = any(?)")) {
            statement.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            return -1; // table not there yet (the pool's migrations run at its start)
        }
    }

    @Test
    void aLongRunningJobKilledMidwayResumesFromItsCheckpoint() throws Exception {
        infra.kafka().createTopics(Topics.all());
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path runDir = Path.of("target", "crash-run").toAbsolutePath();
        int port = FreePorts.next();
        ChildProcess first = startPool(root, runDir, port, "long-first");
        String id = UUID.randomUUID().toString();
        publish(Topics.LANE_LONG_RUNNING, id, "video.transcode", "{\"videoId\":\"v-crash\",\"segments\":20,\"segmentMillis\":300}",
                Lane.LONG_RUNNING);

        Await.until("a quarter of the job checkpointed", Duration.ofSeconds(120),
                () -> query("select coalesce(max(percent_done), 0) from job_checkpoint where message_id = '" + id + "'") >= 25);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        Await.until("the killed pool to be gone", Duration.ofSeconds(30), () -> !first.isAlive());
        long segmentsDoneAtKill = query("select coalesce(max(state::int), 0) from job_checkpoint where message_id = '" + id + "'");
        assertThat(segmentsDoneAtKill).as("killed mid-way").isBetween(5L, 19L);
        assertThat(query("select count(*) from demo_transcode where message_id = '" + id + "'")).isZero();

        try (ChildProcess second = startPool(root, runDir, port, "long-second")) {
            Await.until("the job to finish after the restart", Duration.ofSeconds(180),
                    () -> query("select count(*) from demo_transcode where message_id = '" + id + "'") >= 1);
            assertThat(query("select count(*) from demo_transcode where message_id = '" + id + "'")).isEqualTo(1);
            assertThat(query("select resumed_from from demo_transcode where message_id = '" + id + "'"))
                    .as("resumed from the checkpoint, not from zero").isGreaterThanOrEqualTo(segmentsDoneAtKill);
            assertThat(query("select max(percent_done) from job_checkpoint where message_id = '" + id + "'")).isEqualTo(100);
        }
    }

    private void publish(String topic, String id, String type, String payloadJson, Lane lane) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            producer.send(new ProducerRecord<>(topic, id, Envelope.newBuilder().setId(id).setType(type)
                    .setPriority(Priority.NORMAL).setOrderingKey(id)
                    .setPayload(ByteBuffer.wrap(payloadJson.getBytes(StandardCharsets.UTF_8)))
                    .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("crash-test")
                            .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                    .setRouting(Routing.newBuilder().setLane(lane).setRoutedAt(now).setRoutingVersion(1).build())
                    .build()));
            producer.flush();
        }
    }

    /** Publishes the given envelope ids (demo.work, 500 keys) spread evenly over {@code over}. */
    private void publishPaced(List<String> ids, Duration over) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        byte[] payload = "{\"millis\":3}".getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            for (int i = 0; i < ids.size(); i++) {
                if (i % 100 == 0) {
                    long due = start + over.toNanos() * i / ids.size();
                    long wait = (due - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(wait); // pacing of the load generator
                    }
                }
                Instant now = Instant.now();
                String key = "rebalance-" + (i % 500);
                producer.send(new ProducerRecord<>(Topics.LANE_FAST, key, Envelope.newBuilder().setId(ids.get(i)).setType("demo.work")
                        .setPriority(Priority.NORMAL).setOrderingKey(key).setPayload(ByteBuffer.wrap(payload))
                        .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("rebalance-test")
                                .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                        .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                        .build()));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<String> publish() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl());
        Set<String> ids = new HashSet<>();
        byte[] payload = "{\"millis\":3}".getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            Instant now = Instant.now();
            for (int i = 0; i < ENVELOPES; i++) {
                String id = UUID.randomUUID().toString();
                String key = "crash-" + (i % 500);
                producer.send(new ProducerRecord<>(Topics.LANE_FAST, key, Envelope.newBuilder().setId(id).setType("demo.work")
                        .setPriority(Priority.NORMAL).setOrderingKey(key).setPayload(ByteBuffer.wrap(payload))
                        .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("crash-test")
                                .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                        .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(1).build())
                        .build()));
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }

    private ChildProcess startPool(Path root, Path runDir, int port, String name) {
        return startPool(root, runDir, port, name, DATABASE);
    }

    private ChildProcess startPool(Path root, Path runDir, int port, String name, String database, String... extra) {
        Path jar = root.resolve("consumer-pool-service/target/consumer-pool-service.jar");
        List<String> command = new ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--logging.level.io.laneway=WARN",
                // the killed member's partitions move after 6 s instead of the default 45 s
                "--spring.kafka.consumer.properties.session.timeout.ms=6000"));
        command.addAll(LocalInfrastructure.asArguments(infra.springProperties(database)));
        command.addAll(List.of(extra));
        ChildProcess pool = ChildProcess.start("consumer-pool-" + name, command, root, runDir.resolve("pool-" + name + ".log"));
        pool.awaitReady(Duration.ofSeconds(120), () -> ready(port));
        return pool;
    }

    private long effects(String aggregate) {
        return query("select " + aggregate + " from demo_work where message_id is not null");
    }

    private long query(String sql) {
        Map<String, String> ds = infra.datasourceProperties(DATABASE);
        try (Connection c = DriverManager.getConnection(ds.get("spring.datasource.url"), ds.get("spring.datasource.username"),
                ds.get("spring.datasource.password")); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1; // table not there yet (the pool's migrations run at its start)
        }
    }

    private Map<String, Integer> completedEvents(Set<String> ids) {
        var decoder = new AvroRegistryDeserializer<GenericRecord>();
        decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()), false);
        Map<String, Integer> completed = new HashMap<>();
        for (byte[] value : TopicContents.values(infra.kafkaBootstrapServers(), Topics.LIFECYCLE)) {
            GenericRecord event = decoder.deserialize(Topics.LIFECYCLE, value);
            String id = event.get("messageId").toString();
            if (ids.contains(id) && event.get("status").toString().equals("COMPLETED")) {
                completed.merge(id, 1, Integer::sum);
            }
        }
        return completed;
    }

    /** Envelopes a pool instance reports it processed on the fast lane (its Prometheus scrape). */
    private static long processedBy(int port) {
        try {
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return scrape.lines().filter(l -> l.startsWith("laneway_pool_envelopes_total") && l.contains("lane=\"fast\"")
                    && l.contains("outcome=\"processed\"")).mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean ready(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
