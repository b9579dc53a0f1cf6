package io.laneway.launcher.faults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Routed envelopes written straight to a lane topic, as the router would (the pool is what the fault scenarios test),
 * paced evenly over a period so load keeps arriving while a fault is injected. Send failures are counted: a
 * scenario's nothing-lost check is only meaningful when the feed itself lost nothing.
 */
public final class EnvelopeFeed {

    /** One envelope to publish: its type and JSON payload. */
    public record Work(String type, String payloadJson) {
    }

    private final String bootstrapServers;
    private final String registryUrl;
    private final AtomicInteger sendFailures = new AtomicInteger();

    public EnvelopeFeed(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    public static List<String> newIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    /**
     * Publishes {@code ids} to {@code topic} spread evenly over {@code over} (ordering keys {@code keyPrefix-0..keys-1});
     * blocks until all are acknowledged. The producer waits out a broker outage (up to its delivery timeout).
     */
    public void publish(String topic, Lane lane, List<String> ids, String keyPrefix, int keys, IntFunction<Work> work, Duration over) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroRegistrySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
        props.put(AvroRegistrySerializer.REGISTRY_URL, registryUrl);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, Envelope>(props)) {
            for (int i = 0; i < ids.size(); i++) {
                if (i % 50 == 0) {
                    long due = start + over.toNanos() * i / ids.size();
                    long wait = (due - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(wait); // pacing of the load generator
                    }
                }
                Work w = work.apply(i);
                String key = keyPrefix + "-" + (i % keys);
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(topic, key, Envelope.newBuilder().setId(ids.get(i)).setType(w.type())
                        .setPriority(Priority.NORMAL).setOrderingKey(key)
                        .setPayload(ByteBuffer.wrap(w.payloadJson().getBytes(StandardCharsets.UTF_8)))
                        .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("fault-test")
                                .setTraceId(UUID.randomUUID().toString().replace("-", "")).build())
                        .setRouting(Routing.newBuilder().setLane(lane).setRoutedAt(now).setRoutingVersion(1).build())
                        .build()), (metadata, error) -> {
                    if (error != null) {
                        sendFailures.incrementAndGet();
                    }
                });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@link #publish} on its own thread: the scenario injects its fault meanwhile. */
    public Thread publishInBackground(String topic, Lane lane, List<String> ids, String keyPrefix, int keys, IntFunction<Work> work,
                                      Duration over) {
        return Thread.ofPlatform().name("fault-feed").start(() -> publish(topic, lane, ids, keyPrefix, keys, work, over));
    }

    public int sendFailures() {
        return sendFailures.get();
    }
}
