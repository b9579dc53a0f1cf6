package io.laneway.pool.idempotency;

import java.time.Instant;

import io.laneway.pool.config.PoolProperties;
import io.laneway.pool.checkpoint.CheckpointStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency rows older than {@code laneway.pool.idempotency-retention} (default 7 days): a
 * redelivery older than that is not expected (Kafka retention and replays are far shorter), and the table
 * stays small; checkpoints of work not resumed for as long go with them. Runs every minute in chunks; safe on
 * several replicas (deletes are idempotent).
 */
@Component
public class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);
    private static final int CHUNK = 5_000;

    private final ProcessedMessageRepository rows;
    private final CheckpointStore checkpoints;
    private final PoolProperties properties;
    private final Counter deleted;

    public IdempotencyRetention(ProcessedMessageRepository rows, CheckpointStore checkpoints, PoolProperties properties,
                                MeterRegistry meters) {
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.properties = properties;
        this.deleted = meters.counter("laneway.pool.idempotency.expired");
    }

    @Scheduled(fixedDelayString = "${laneway.pool.idempotency-cleanup-interval:60s}", initialDelayString = "30s")
    public void expire() {
        Instant before = Instant.now().minus(properties.idempotencyRetention());
        int total = 0;
        int chunk;
        do {
            chunk = rows.deleteOlderThan(before, CHUNK);
            total += chunk;
        } while (chunk == CHUNK);
        deleted.increment(total);
        if (total > 0) {
            log.info("Expired {} idempotency rows older than {}", total, before);
        }
        checkpoints.expireOlderThan(before); // the same horizon: such work will not come back either
    }
}
