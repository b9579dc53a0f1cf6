package io.laneway.pool.outbox;

import io.laneway.pool.config.PoolProperties;
import io.laneway.registry.SchemaRegistryProperties;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import io.laneway.contracts.Topics;
import io.laneway.contracts.outbox.OutboxPosition;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves committed outbox rows to Kafka, exactly once:
 * <ul>
 * <li><b>One relay at a time</b> across all replicas: the relay holds a PostgreSQL session advisory lock on
 *     its own connection (released when that connection dies), and its Kafka transactional id is shared,
 *     so a relay that lost the lock but still runs is fenced by the broker.</li>
 * <li><b>One outbox, one identity:</b> the database's {@code outbox_identity} keys the position records and (unless
 *     configured) names the transactional id, so deployments sharing a Kafka cluster stay apart. Found by a fault
 *     test: with a shared key a restarted relay took another database's last batch for its own and deleted its
 *     own unpublished rows with the same ids.</li>
 * <li><b>Atomic publish:</b> a batch of rows (in id order, so each key's events keep commit order) and a
 *     position record naming the batch's ids go out in one Kafka transaction; then the rows are deleted.
 *     After a crash between the two, the new relay reads the position and deletes those rows without
 *     publishing them again. Consumers reading committed records see every event once.</li>
 * <li><b>Off switch:</b> {@code laneway.pool.outbox.relay-enabled=false} leaves rows in the table (another
 *     deployment relays them, or a benchmark measures the transaction alone).</li>
 * <li><b>Low latency:</b> a committing batch wakes the relay: directly when the relay runs in the same JVM, by a
 *     NOTIFY to its LISTEN connection from any other replica ({@link RelayWakeups}); a 500 ms poll is only the
 *     fallback.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(name = "laneway.pool.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 7350029L;
    private static final int BATCH = 1000;

    private final DataSource dataSource;
    private final RelayWakeups wakeups;
    private final String bootstrapServers;
    private final String configuredTransactionalId;
    private String transactionalId;
    private String identity;
    private final Duration linger;
    private final Map<String, Object> clientProperties;
    private final Counter published;
    private final Timer batchTime;
    private final AvroRegistrySerializer<OutboxPosition> positions = new AvroRegistrySerializer<>();
    private final AvroRegistryDeserializer<OutboxPosition> positionReader = new AvroRegistryDeserializer<>();
    private volatile boolean running;
    private volatile long pending;
    private volatile long lastProgressNanos = System.nanoTime();
    /**
     * Fault injection for the crash test only (0 = off, the default): the process halts, as under kill -9, right after
     * this many Kafka commits and before their rows are deleted, the one moment a relay crash could publish twice.
     */
    private final int haltAfterCommits;
    private int commits;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, RelayWakeups wakeups, PoolProperties properties, SchemaRegistryProperties registry,
                       org.springframework.boot.kafka.autoconfigure.KafkaProperties kafkaProperties, MeterRegistry meters) {
        String registryUrl = registry.url();
        String bootstrapServers = String.join(",", kafkaProperties.getBootstrapServers());
        String transactionalId = properties.outbox().transactionalId();
        Duration linger = properties.outbox().linger();
        this.haltAfterCommits = properties.outbox().fault().haltAfterCommits();
        positions.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        positionReader.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl,
                AvroRegistryDeserializer.SPECIFIC_READER, "true"), false);
        this.dataSource = dataSource;
        this.wakeups = wakeups;
        this.bootstrapServers = bootstrapServers;
        this.configuredTransactionalId = transactionalId;
        this.linger = linger;
        this.clientProperties = kafkaProperties.buildProducerProperties();
        this.published = meters.counter("laneway.outbox.published");
        this.batchTime = Timer.builder("laneway.outbox.batch.duration").description("Read, publish and delete one batch")
                .register(meters);
        meters.gauge("laneway.outbox.pending", this, r -> r.pending);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::electionLoop);
    }

    /**
     * Whether the relay's thread is alive and went round its loop (a relayed batch as leader, a lock attempt as standby)
     * within {@code bound}; true when it is not running.
     */
    public boolean progressingWithin(Duration bound) {
        return !running || (worker != null && worker.isAlive() && System.nanoTime() - lastProgressNanos < bound.toNanos());
    }

    /** Competes for the relay lock; the winner relays until its connection or producer fails. */
    private void electionLoop() {
        while (running) {
            lastProgressNanos = System.nanoTime();
            try (Connection lockAndListen = RelaySessions.guarded(dataSource.getConnection())) {
                lockAndListen.setAutoCommit(true);
                if (tryLock(lockAndListen)) {
                    log.info("This instance now relays the outbox");
                    relayWhileLeader(lockAndListen);
                }
            } catch (Exception e) {
                if (running) {
                    log.warn("Outbox relay interrupted, competing again: {}", e.toString());
                }
            }
            pause(2_000); // standby: try to take over the lock again shortly
        }
    }

    private void relayWhileLeader(Connection listen) throws SQLException, InterruptedException {
        try (Statement s = listen.createStatement()) {
            s.execute("listen " + OutboxChannel.NAME);
        }
        PGConnection notifications = listen.unwrap(PGConnection.class);
        identity = outboxIdentity(listen);
        transactionalId = configuredTransactionalId.isBlank() ? "laneway-outbox-relay-" + identity : configuredTransactionalId;
        try (Producer<String, byte[]> producer = transactionalProducer(); Connection work = RelaySessions.guarded(dataSource.getConnection())) {
            producer.initTransactions(); // fences any older relay still holding this transactional id
            deleteAlreadyPublished(work);
            NotificationListener listener = new NotificationListener(notifications, wakeups);
            wakeups.localRelayLeads(true); // from now on this JVM's commits wake the relay directly, without NOTIFY
            try {
                while (running) {
                    lastProgressNanos = System.nanoTime();
                    listener.throwIfBroken();
                    int relayed = relayBatch(work, producer);
                    if (relayed < BATCH && wakeups.await(500) && linger.toMillis() > 0) { // a commit, or 500 ms
                        // let a few more commits land: one Kafka transaction (and its markers on every partition it
                        // touched) per handful of rows costs the broker far less than one per row
                        Thread.sleep(linger.toMillis());
                    }
                }
            } finally {
                wakeups.localRelayLeads(false);
                listener.stop();
            }
        }
    }

    /** @return rows published */
    private int relayBatch(Connection work, Producer<String, byte[]> producer) throws SQLException {
        long started = System.nanoTime();
        List<long[]> ids = new ArrayList<>(); // single-element arrays keep the list cheap to build
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        work.setAutoCommit(true);
        try (PreparedStatement ps = work.prepareStatement(
                "select id, topic, record_key, payload, trace_id from outbox_event order by id limit " + BATCH);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(new long[] {rs.getLong(1)});
                var record = new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getBytes(4));
                String traceId = rs.getString(5);
                if (traceId != null) {
                    record.headers().add("laneway-trace-id", traceId.getBytes(StandardCharsets.US_ASCII));
                }
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            pending = 0;
            return 0;
        }
        long[] batchIds = ids.stream().mapToLong(a -> a[0]).toArray();
        producer.beginTransaction();
        try {
            records.forEach(producer::send);
            OutboxPosition position = new OutboxPosition(transactionalId, Arrays.stream(batchIds).boxed().toList(), Instant.now());
            producer.send(new ProducerRecord<>(Topics.OUTBOX_POSITION, identity,
                    positions.serialize(Topics.OUTBOX_POSITION, position)));
            producer.commitTransaction();
            if (haltAfterCommits > 0 && ++commits >= haltAfterCommits) {
                log.warn("Fault injection (laneway.pool.outbox.fault.halt-after-commits={}): halting between the Kafka commit "
                        + "and the row delete", haltAfterCommits);
                Runtime.getRuntime().halt(137);
            }
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // a fenced or broken producer: the election loop starts over with a fresh one
            }
            throw e;
        }
        delete(work, batchIds);
        published.increment(records.size());
        batchTime.record(Duration.ofNanos(System.nanoTime() - started));
        pending = records.size() == BATCH ? BATCH : 0;
        return records.size();
    }

    /** Rows whose batch reached Kafka before the previous relay died are deleted, not published again. */
    private void deleteAlreadyPublished(Connection work) throws SQLException {
        long[] last = lastPublishedBatch();
        if (last.length > 0) {
            int deleted = delete(work, last);
            log.info("Outbox: {} rows of the last published batch were still present; deleted without republishing", deleted);
        }
    }

    private long[] lastPublishedBatch() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        copySecurity(props);
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            TopicPartition tp = new TopicPartition(Topics.OUTBOX_POSITION, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            byte[] last = null;
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (identity.equals(r.key())) {
                        last = r.value();
                    }
                }
            }
            return last == null ? new long[0]
                    : positionReader.deserialize(Topics.OUTBOX_POSITION, last).getOutboxIds().stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static int delete(Connection work, long[] ids) throws SQLException {
        try (PreparedStatement ps = work.prepareStatement("delete from outbox_event where id = any(?)")) {
            ps.setArray(1, work.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            return ps.executeUpdate();
        }
    }

    private Producer<String, byte[]> transactionalProducer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.keySet().removeIf(k -> k.startsWith("schema.registry") || k.startsWith("spring."));
        return new KafkaProducer<>(props);
    }

    private void copySecurity(Properties props) {
        clientProperties.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
    }

    private static String outboxIdentity(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select id from outbox_identity")) {
            if (!rs.next()) {
                throw new SQLException("outbox_identity is empty; migration V6 inserts its one row");
            }
            return rs.getString(1);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis); // a standby relay re-checks the lock at this pace; not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false; // the loop notices within one notification wait (500 ms) and closes its producer cleanly
        if (worker != null) {
            try {
                worker.join(5_000);
                if (worker.isAlive()) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
