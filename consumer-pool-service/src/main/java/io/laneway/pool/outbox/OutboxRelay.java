package io.laneway.pool.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka: read a batch in id order, send all, wait for every ack, delete
 * them, in one transaction. A crash between ack and delete republishes (at-least-once); consumers of
 * these topics are idempotent on event ids. Woken right after each commit, and polls as a fallback.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate tx;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter published;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(OutboxRepository outbox, @Qualifier("rawBytesKafkaTemplate") KafkaTemplate<String, byte[]> kafka,
                       TransactionTemplate tx, MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.tx = tx;
        this.published = meters.counter("laneway.outbox.published");
        meters.gauge("laneway.outbox.pending", outbox, OutboxRepository::count);
    }

    /** Called after a processing transaction committed outbox rows. */
    public void wakeUp() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                wakeUp.tryAcquire(250, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                while (running && relayBatch() == BATCH) {
                    // a full batch: more may be waiting, go again without pausing
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, will retry: {}", e.toString());
                try {
                    Thread.sleep(1000); // back off from a failing broker or database, not synchronisation
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return rows published */
    int relayBatch() {
        Integer count = tx.execute(status -> {
            if (!outbox.tryBecomeRelay()) {
                return 0;
            }
            List<OutboxEvent> batch = outbox.oldest(BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
            for (OutboxEvent event : batch) {
                var record = new ProducerRecord<>(event.getTopic(), event.getRecordKey(), event.getPayload());
                if (event.getTraceId() != null) {
                    record.headers().add("laneway-trace-id", event.getTraceId().getBytes(StandardCharsets.US_ASCII));
                }
                acks.add(kafka.send(record));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            outbox.deletePublished(batch.stream().map(OutboxEvent::getId).toList());
            return batch.size();
        });
        published.increment(count);
        return count;
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
