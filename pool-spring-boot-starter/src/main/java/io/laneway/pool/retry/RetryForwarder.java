package io.laneway.pool.retry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.laneway.pool.config.PoolTopics;
import io.laneway.pool.deadletter.DeadLetterHeaders;
import io.laneway.pool.engine.RestartingLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends records from the retry tiers back to their lane once they are due. A partition whose head is not
 * due yet is paused (and re-read from that record later) while the others keep moving, so waiting costs
 * neither a thread nor a lane's throughput. Offsets are committed only after the lane acknowledged.
 */
public class RetryForwarder {

    private static final Logger log = LoggerFactory.getLogger(RetryForwarder.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final KafkaTemplate<String, byte[]> raw;
    private final PoolTopics topics;
    private final Counter forwarded;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private final RestartingLoop restarts;
    private Consumer<String, byte[]> consumer;
    private Thread thread;

    public RetryForwarder(PoolTopics topics, Supplier<Consumer<String, byte[]>> consumers, KafkaTemplate<String, byte[]> raw,
                          MeterRegistry meters) {
        this.topics = topics;
        this.consumers = consumers;
        this.raw = raw;
        this.forwarded = meters.counter("laneway.pool.retries.forwarded");
        this.restarts = new RestartingLoop("retry-forwarder", meters);
    }

    public void start() {
        thread = Thread.ofPlatform().name("retry-forwarder").start(this::loop);
    }

    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Started again after an unexpected failure (a new consumer, from the last committed offsets) while running. */
    private void loop() {
        restarts.run(this::forwardUntilStopped, () -> running);
    }

    private void forwardUntilStopped() {
        consumer = consumers.get();
        try {
            consumer.subscribe(topics.retryTiers());
            while (running) {
                lastPollNanos = System.nanoTime();
                resumeDue();
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                forward(records.partitions().stream().collect(HashMap::new,
                        (m, tp) -> m.put(tp, records.records(tp)), Map::putAll));
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void forward(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition) {
        long now = System.currentTimeMillis();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        byPartition.forEach((tp, records) -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                long dueAt = longHeader(record, RetryHeaders.DUE_AT, 0);
                if (dueAt > now) {
                    consumer.pause(List.of(tp));
                    consumer.seek(tp, record.offset());
                    pausedUntil.put(tp, dueAt);
                    break;
                }
                Header returnTo = record.headers().lastHeader(RetryHeaders.RETURN_TO);
                // a record without its way back cannot be retried: kept as a dead letter with the reason, not lost, and the
                // tier moves on (ending the forwarder would stop every retry)
                String destination = returnTo == null ? topics.deadLetters() : new String(returnTo.value(), UTF_8);
                var out = new ProducerRecord<>(destination, null, record.key(), record.value(), record.headers());
                if (returnTo == null) {
                    out.headers().add(DeadLetterHeaders.REASON, ("retry record at " + tp + "@" + record.offset()
                            + " names no " + RetryHeaders.RETURN_TO + " topic").getBytes(UTF_8));
                    log.error("Retry record {}@{} has no {} header: dead-lettered", tp, record.offset(), RetryHeaders.RETURN_TO);
                }
                out.headers().remove(RetryHeaders.DUE_AT);
                out.headers().remove(RetryHeaders.RETURN_TO);
                acks.add(raw.send(out));
                commits.put(tp, new OffsetAndMetadata(record.offset() + 1));
            }
        });
        if (commits.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // nothing committed: rewind so the same records are forwarded again (duplicates are deduplicated by the pool)
            var lastCommitted = consumer.committed(commits.keySet());
            commits.keySet().forEach(tp -> {
                OffsetAndMetadata at = lastCommitted.get(tp);
                consumer.seek(tp, at != null ? at.offset() : 0);
            });
            log.warn("Forwarding retries failed, will try again: {}", e.toString());
            return;
        }
        consumer.commitSync(commits);
        forwarded.increment(acks.size());
    }

    private void resumeDue() {
        long now = System.currentTimeMillis();
        List<TopicPartition> due = new ArrayList<>(pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now)
                .map(Map.Entry::getKey).toList());
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            due.retainAll(consumer.assignment());
            consumer.resume(due);
        }
    }

    private static long longHeader(ConsumerRecord<?, ?> record, String name, long otherwise) {
        Header header = record.headers().lastHeader(name);
        try {
            return header == null ? otherwise : Long.parseLong(new String(header.value(), UTF_8));
        } catch (NumberFormatException e) {
            return otherwise; // a due time nobody can read: due now
        }
    }

    /** Whether the loop is alive and has polled within {@code bound}. */
    public boolean pollingWithin(Duration bound) {
        return thread != null && thread.isAlive() && System.nanoTime() - lastPollNanos < bound.toNanos();
    }
}
