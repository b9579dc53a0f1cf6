package io.laneway.pool.lane;

import io.laneway.contracts.BackgroundFetch;
import io.laneway.contracts.registry.SchemaRegistryClient;

import io.laneway.registry.SchemaRegistryProperties;
import io.laneway.pool.config.PoolProperties;
import io.laneway.pool.config.PoolTopics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.sun.management.OperatingSystemMXBean;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.pool.concurrency.ThresholdPolicy;
import io.laneway.pool.deadletter.DeadLetterPublisher;
import io.laneway.pool.engine.LaneBreakers;
import io.laneway.pool.engine.LanePool;
import io.laneway.pool.engine.LaneSettings;
import io.laneway.pool.processing.BatchProcessor;
import io.laneway.pool.handler.NonRetryableProcessingException;
import io.laneway.pool.resilience.DatabaseBreaker;
import io.laneway.pool.resilience.RegistryBreaker;
import io.laneway.pool.resilience.DownstreamBreakers;
import io.laneway.pool.retry.FailureClassifier;
import io.laneway.pool.retry.FailureKind;
import io.laneway.pool.retry.FailureRouter;
import io.laneway.pool.retry.RetryBackoff;
import io.laneway.pool.retry.RetryForwarder;
import io.laneway.pool.retry.RetryPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link LanePool} per enabled lane plus the retry forwarder, adjusts every pool's limit once
 * per interval from the machine's CPU and the pool's own statistics, and drains them on shutdown (stopped
 * late, after the web server, started early).
 */
@Component
public class LanePools implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LanePools.class);

    private final PoolProperties properties;
    private final ConsumerFactory<Object, Object> consumerFactory;
    private final BatchProcessor processor;
    private final DeadLetterPublisher deadLetters;
    private final DownstreamBreakers breakers;
    private final KafkaTemplate<String, Object> avro;
    private final KafkaTemplate<String, byte[]> raw;
    private final MeterRegistry meters;
    private final String registryUrl;
    private final PoolTopics topics;
    private final List<LanePool> pools = new ArrayList<>();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private RetryForwarder forwarder;
    private ScheduledExecutorService adjuster;
    private volatile boolean running;

    public LanePools(PoolProperties properties, ConsumerFactory<Object, Object> consumerFactory, BatchProcessor processor,
                     DeadLetterPublisher deadLetters, DownstreamBreakers breakers, KafkaTemplate<String, Object> avro,
                     @Qualifier("rawBytesKafkaTemplate") KafkaTemplate<String, byte[]> raw, MeterRegistry meters,
                     SchemaRegistryProperties registry) {
        this.properties = properties;
        this.consumerFactory = consumerFactory;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.breakers = breakers;
        this.avro = avro;
        this.raw = raw;
        this.meters = meters;
        this.registryUrl = registry.url();
        this.topics = PoolTopics.of(properties);
    }

    @Override
    public void start() {
        AvroRegistryDeserializer<Envelope> deserializer = new AvroRegistryDeserializer<>();
        deserializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl,
                AvroRegistryDeserializer.SPECIFIC_READER, "true"), false);
        AvroRegistrySerializer<Envelope> serializer = new AvroRegistrySerializer<>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
        PoolProperties.Retry retry = properties.retry();
        List<Class<? extends Throwable>> permanent = new ArrayList<>(retry.permanent());
        permanent.add(NonRetryableProcessingException.class);
        permanent.add(SerializationException.class);
        var classifier = new FailureClassifier(permanent, retry.transientErrors(), FailureKind.TRANSIENT);
        var backoff = new RetryBackoff(retry.initialDelay(), retry.multiplier(), retry.maxDelay());
        var attempts = new RetryPolicies(retry.maxAttempts(), retry.maxAttemptsByType());

        for (Lane lane : Lane.values()) {
            String name = lane.name().toLowerCase().replace('_', '-');
            PoolProperties.Lane config = properties.lane(name);
            if (!config.enabled()) {
                continue;
            }
            LaneSettings settings = settings(lane, name, config);
            var sink = new FailureRouter(name, topics, classifier, backoff, attempts, raw, avro, serializer, deadLetters, meters,
                    SchemaRegistryClient.forUrl(registryUrl));
            Supplier<Consumer<String, byte[]>> consumers = () -> consumer(settings.groupId(), "pool-" + name,
                    settings.instanceId(), settings.maxBatch());
            LanePool pool = new LanePool(settings, consumers, deserializer, processor, sink,
                    new LaneBreakers(breakers.registry(), RegistryBreaker.NAME, DatabaseBreaker.NAME), avro, meters);
            pools.add(pool);
            pool.start();
            log.info("Lane {} pool started: {}", name, settings);
        }
        forwarder = new RetryForwarder(topics, () -> consumer(properties.groupPrefix() + "-retry", "pool-retry", null, 500,
                BackgroundFetch.settings()), raw, meters);
        forwarder.start();
        adjuster = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lane-adjuster").daemon().factory());
        long every = properties.adjustInterval().toMillis();
        adjuster.scheduleAtFixedRate(this::adjust, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * The loops that are dead or have not polled within {@code bound} (a lane's poll loop, the retry forwarder), by
     * name; empty when all are well or the pools are not running.
     */
    public List<String> stuckLoops(Duration bound) {
        if (!running) {
            return List.of();
        }
        List<String> stuck = new ArrayList<>();
        for (LanePool pool : pools) {
            if (!pool.pollingWithin(bound)) {
                stuck.add("lane " + pool.name());
            }
        }
        if (forwarder != null && !forwarder.pollingWithin(bound)) {
            stuck.add("retry forwarder");
        }
        return stuck;
    }

    private void adjust() {
        try {
            // The pool's own share of the CPUs it may use (container-aware), not the whole machine's: a broker or
            // database sharing the host must not shrink the pool to nothing (benchmarks/results/design-notes.md#process-cpu-not-system).
            double cpu = os.getProcessCpuLoad();
            pools.forEach(pool -> pool.adjust(cpu));
        } catch (RuntimeException e) {
            log.warn("Adjusting lane limits failed: {}", e.toString());
        }
    }

    private LaneSettings settings(Lane lane, String name, PoolProperties.Lane c) {
        ThresholdPolicy policy = ThresholdPolicy.defaults()
                .withBounds(c.minConcurrency(), c.maxConcurrency())
                .withLatency(c.p95HighMillis(), c.p95LowMillis());
        String instance = properties.instanceId() == null || properties.instanceId().isBlank() ? null
                : properties.instanceId() + "-" + name;
        return new LaneSettings(lane, topics.lane(lane), properties.groupPrefix() + "-" + name, c.concurrency(), policy,
                c.maxBatch(), c.targetBatchMillis(), instance, c.processingEvents(), c.shutdownTimeout(), Duration.ofMillis(200),
                c.maxBuffered());
    }

    private Consumer<String, byte[]> consumer(String groupId, String clientId, String instanceId, int maxPollRecords) {
        return consumer(groupId, clientId, instanceId, maxPollRecords, Map.of());
    }

    @SuppressWarnings("unchecked")
    private Consumer<String, byte[]> consumer(String groupId, String clientId, String instanceId, int maxPollRecords,
                                              Map<String, Object> extra) {
        Properties overrides = new Properties();
        overrides.putAll(extra);
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(100, maxPollRecords * 2));
        // smaller per-partition fetches spread the buffer over more partitions, hence more keys to run in parallel
        overrides.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 128 * 1024);
        overrides.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        if (instanceId != null) {
            overrides.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return (Consumer<String, byte[]>) (Consumer<?, ?>) consumerFactory.createConsumer(groupId, clientId, null, overrides);
    }

    public List<LanePool> pools() {
        return pools;
    }

    @Override
    public void stop() {
        running = false;
        if (adjuster != null) {
            adjuster.shutdownNow();
        }
        // lanes drain side by side, each within its shutdown timeout
        pools.stream().map(pool -> Thread.ofVirtual().start(pool::stop)).toList().forEach(thread -> {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (forwarder != null) {
            forwarder.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000; // after the web server stops taking requests, before the datasource closes
    }
}
