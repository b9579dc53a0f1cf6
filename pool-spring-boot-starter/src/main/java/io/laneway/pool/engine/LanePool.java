package io.laneway.pool.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.laneway.contracts.LaneHeaders;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.concurrency.LaneLimit;
import io.laneway.pool.ordering.KeyedWorkQueue;
import io.laneway.pool.processing.BatchProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * One lane's pool: a poll thread that owns the Kafka consumer, and a gang of virtual-thread workers whose
 * size follows the adaptive {@link LaneLimit}.
 *
 * <ul>
 * <li><b>Key order, key parallelism:</b> polled records go into the lane's {@link LaneBuffer} (a
 *     {@link KeyedWorkQueue} under one lock); a worker takes a batch of records with distinct ordering keys,
 *     so same-key records run one after another and different keys run side by side, even inside one
 *     partition.</li>
 * <li><b>No loss, bounded redelivery:</b> per partition an {@link OffsetTracker} commits only up to the
 *     last contiguous finished record. Failed records count as finished only once they are safely in a
 *     retry or dead-letter topic.</li>
 * <li><b>Always polling:</b> when the buffer is full or a downstream circuit is open, the consumer pauses
 *     its partitions and keeps calling poll, so long work never exceeds {@code max.poll.interval.ms} and
 *     never causes a rebalance.</li>
 * <li><b>Rebalances:</b> on revocation, waiting records of the partition are dropped, running ones finish
 *     (bounded by the shutdown timeout) and the partition's offset is committed before it moves.</li>
 * </ul>
 */
public final class LanePool {

    private static final Logger log = LoggerFactory.getLogger(LanePool.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    /**
     * While the lane holds nothing (nothing buffered or running, nothing paused, every finished offset committed) there is
     * nothing for the loop to do between polls, and a record that arrives ends the poll at once: an idle lane goes round
     * twice a second instead of twenty times (benchmarks/results/idle.md).
     */
    private static final Duration IDLE_POLL_TIMEOUT = Duration.ofMillis(500);

    private final LaneSettings settings;
    private final Supplier<Consumer<String, byte[]>> consumerFactory;
    private final LaneBreakers breakers;
    private final LaneLimit limit;
    private final BatchExecution execution;
    private final LaneMeters laneMeters;

    private final LaneBuffer buffer = new LaneBuffer();
    private final PartitionOffsets offsets = new PartitionOffsets();
    private final AtomicInteger workers = new AtomicInteger();

    private volatile boolean takingWork = true;
    private volatile boolean polling = true;
    private volatile boolean saturated;
    private volatile long lastPollNanos;
    private final RestartingLoop restarts;
    private Thread pollThread;
    private Consumer<String, byte[]> consumer;
    private long lastCommitNanos = System.nanoTime();

    public LanePool(LaneSettings settings, Supplier<Consumer<String, byte[]>> consumerFactory, Deserializer<Envelope> envelopes,
                    BatchProcessor processor, FailedRecordSink failures, LaneBreakers breakers,
                    KafkaTemplate<String, Object> lifecycle, MeterRegistry meters) {
        this.settings = settings;
        this.consumerFactory = consumerFactory;
        this.breakers = breakers;
        this.limit = new LaneLimit(settings.policy(), settings.initialConcurrency(), settings.maxBatch(),
                settings.targetBatchMillis());
        this.laneMeters = new LaneMeters(settings.name(), meters, limit, this, workers);
        this.restarts = new RestartingLoop("lane-" + settings.name() + "-poll", meters);
        this.execution = new BatchExecution(settings, envelopes, processor, failures, breakers, lifecycle, limit, this.laneMeters,
                () -> takingWork);
    }

    /** Whether the poll loop is alive and has polled within {@code bound} (a lane whose loop is stuck takes no work). */
    public boolean pollingWithin(Duration bound) {
        return pollThread != null && pollThread.isAlive() && System.nanoTime() - lastPollNanos < bound.toNanos();
    }

    public String name() {
        return settings.name();
    }

    public void start() {
        lastPollNanos = System.nanoTime();
        pollThread = Thread.ofPlatform().name("lane-" + settings.name() + "-poll").start(this::pollLoop);
        adjustWorkers();
    }

    /** Called once per interval by the pool's scheduler: new limit and batch size from what was observed. */
    public void adjust(double cpu) {
        var signals = limit.adjust(cpu, saturated);
        saturated = false;
        adjustWorkers();
        laneMeters.refreshExpectedTimes();
        if (log.isDebugEnabled()) {
            log.debug("lane {} limit={} batch={} signals={}", settings.name(), limit.limit(), limit.batchSize(), signals);
        }
    }

    public LaneLimit limit() {
        return limit;
    }

    public int inFlight() {
        return buffer.inFlight();
    }

    public LaneSettings settings() {
        return settings;
    }

    /** The circuit breakers this lane waits on while one is open, with their states. */
    public java.util.Map<String, String> breakerStates() {
        return breakers.states();
    }

    public int buffered() {
        return buffer.fill().held();
    }

    /** Stops taking work, lets running batches finish within the shutdown timeout, commits, closes. */
    public void stop() {
        takingWork = false;
        buffer.wakeAll();
        polling = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            pollThread.join(settings.shutdownTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- poll thread

    /** The poll loop, started again after an unexpected failure (a new consumer, re-subscribed) while the lane should run. */
    private void pollLoop() {
        restarts.run(this::pollOnce, () -> polling);
    }

    private void pollOnce() {
        consumer = consumerFactory.get();
        try {
            consumer.subscribe(List.of(settings.topic()), new Rebalance());
            while (polling) {
                lastPollNanos = System.nanoTime();
                offsets.applyCompletions();
                commitIfDue(false);
                LaneBuffer.Fill fill = pauseOrResume();
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(holdsNothing(fill) ? IDLE_POLL_TIMEOUT : POLL_TIMEOUT);
                } catch (WakeupException e) {
                    break;
                }
                if (!records.isEmpty()) {
                    enqueue(records);
                }
            }
            drainOnShutdown();
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing lane {} consumer: {}", settings.name(), e.toString());
            }
        }
    }

    /** {@code fill}: the buffer as {@link #pauseOrResume} just read it (one read of it per loop, under the workers' lock). */
    private boolean holdsNothing(LaneBuffer.Fill fill) {
        return fill.held() == 0 && consumer.paused().isEmpty() && offsets.settled();
    }

    private void enqueue(ConsumerRecords<String, byte[]> records) {
        // built before taking the lock the workers wait on: the header decoding and key strings need no lock
        List<LaneRecord> arrived = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            LaneRecord record = new LaneRecord(new TopicPartition(r.topic(), r.partition()), r.offset(), r.key(), r.value(),
                    r.headers(), r.timestamp(), LaneHeaders.type(r.headers()));
            offsets.track(record.partition(), record.offset()); // tracked before any worker can finish it
            arrived.add(record);
        }
        buffer.add(arrived);
    }

    private void commitIfDue(boolean sync) {
        long now = System.nanoTime();
        if (!sync && now - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> due = offsets.committable();
        if (due.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(due, Duration.ofSeconds(10));
        } else {
            consumer.commitAsync(due, (o, e) -> {
                if (e != null) {
                    log.warn("lane {} async commit failed (the next one covers it): {}", settings.name(), e.toString());
                }
            });
        }
        offsets.committed(due);
    }

    /**
     * Fetch while the buffer offers too little parallelism, pause when it offers enough. The measure is ready
     * KEYS, not records: a consumer fetches partition by partition, so a buffer full of one partition's
     * records may hold only a few keys, and key order lets only one record per key run at a time, so a record-count
     * bound starves the workers (benchmarks/results/design-notes.md#fetch-by-ready-keys). {@code maxBuffered} caps memory when
     * the keys are few. An open downstream circuit pauses everything (the poll goes on: heartbeats). Returns the buffer's
     * fill it decided on.
     */
    private LaneBuffer.Fill pauseOrResume() {
        LaneBuffer.Fill fill = buffer.fill();
        boolean enoughReady = fill.readyKeys() >= Math.max(16, limit.limit() * limit.batchSize() * 2);
        boolean hold = enoughReady || fill.held() >= settings.maxBuffered() || breakers.open();
        Set<TopicPartition> assigned = consumer.assignment();
        if (hold) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        return fill;
    }

    private void drainOnShutdown() {
        int stillRunning = buffer.awaitAllIdle(settings.shutdownTimeout());
        if (stillRunning > 0) {
            log.warn("lane {}: {} envelopes still running after {}; they will be redelivered", settings.name(), stillRunning,
                    settings.shutdownTimeout());
        }
        offsets.applyCompletions();
        try {
            commitIfDue(true);
        } catch (RuntimeException e) {
            log.warn("lane {} final commit failed: {}", settings.name(), e.toString());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            buffer.dropWaiting(partitions);
            buffer.awaitIdle(partitions, settings.shutdownTimeout());
            offsets.applyCompletions();
            try {
                Map<TopicPartition, OffsetAndMetadata> due = offsets.committable(partitions);
                if (!due.isEmpty()) {
                    consumer.commitSync(due, Duration.ofSeconds(10));
                    offsets.committed(due);
                }
            } catch (RuntimeException e) {
                log.warn("lane {} commit on revocation failed (records after the last commit are redelivered): {}",
                        settings.name(), e.toString());
            }
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            buffer.dropWaiting(partitions);
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("lane {} assigned {}", settings.name(), partitions);
        }
    }

    // ---------------------------------------------------------------- workers

    private void adjustWorkers() {
        while (takingWork) {
            int current = workers.get();
            if (current >= limit.limit()) {
                return;
            }
            if (workers.compareAndSet(current, current + 1)) {
                Thread.ofVirtual().name("lane-" + settings.name() + "-worker").start(this::workerLoop);
            }
        }
    }

    /** A worker exits when the limit shrank below the gang's size; otherwise it takes batch after batch. */
    private void workerLoop() {
        try {
            while (takingWork) {
                int current = workers.get();
                if (current > limit.limit() && workers.compareAndSet(current, current - 1)) {
                    buffer.wakeOneIfReady(); // it may have taken the wake-up meant for ready work
                    return;
                }
                // about targetBatchMillis of expected handler time: quick envelopes share a transaction, a slow one runs
                // alone, and none waits behind more than the target of neighbours; under a backlog, at least this
                // worker's share of it
                LaneBuffer.Taken taken = buffer.take(limit.maxBatch(), limit.targetBatchMillis(),
                        record -> limit.expectedMillis(record.type()), workers.get(), breakers::open);
                if (taken.leftReady()) {
                    saturated = true; // work was left waiting: more workers would have had something to do
                }
                if (!taken.batch().isEmpty()) {
                    run(taken.batch());
                }
            }
            workers.decrementAndGet();
        } catch (RuntimeException | Error e) {
            workers.decrementAndGet();
            log.error("lane {} worker died; a new one starts at the next adjustment", settings.name(), e);
        }
    }

    private void run(List<KeyedWorkQueue.Keyed<LaneRecord>> batch) {
        List<LaneRecord> records = batch.stream().map(KeyedWorkQueue.Keyed::work).toList();
        BatchExecution.Result result;
        try {
            result = execution.execute(records);
        } catch (Throwable e) {
            // what became of each record is not known: all go back to their keys (in order), so the keys and the
            // partition's commit point are released; a record that did commit is a duplicate the next run skips
            log.error("lane {}: a batch of {} failed as a whole; its records run again", settings.name(), records.size(), e);
            buffer.finished(batch, records);
            throw e;
        }
        // completions first: a revocation that sees the partition idle must find them when it commits
        offsets.completed(result.finished());
        buffer.finished(batch, result.putBack());
    }
}
