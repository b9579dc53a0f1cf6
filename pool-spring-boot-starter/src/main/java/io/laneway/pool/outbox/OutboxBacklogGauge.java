package io.laneway.pool.outbox;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox's backlog as the database holds it, whoever relays: {@code laneway.outbox.backlog} (rows not yet published)
 * and {@code laneway.outbox.oldest.age} (seconds the oldest has waited). Counted on a schedule by every replica (a
 * database-wide figure: take the max across replicas, never the sum), so a relay that stalled or died still shows, which
 * the relay's own {@code laneway.outbox.pending} (0, or a full batch) cannot. The outbox stays small (rows go once
 * published), so the count is cheap. While the database cannot be read the last values stay.
 */
@Component
class OutboxBacklogGauge {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklogGauge.class);

    private final JdbcClient jdbc;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    OutboxBacklogGauge(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("laneway.outbox.backlog", rows, AtomicLong::get)
                .description("Outbox rows not yet published (database-wide; refreshed every 5 s)").register(meters);
        Gauge.builder("laneway.outbox.oldest.age", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unpublished outbox row has waited (database-wide)").register(meters);
    }

    @Scheduled(fixedDelayString = "${laneway.pool.outbox.backlog-interval:5s}", initialDelay = 0)
    void refresh() {
        try {
            jdbc.sql("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint from outbox_event")
                    .query((RowCallbackHandler) rs -> {
                        rows.set(rs.getLong(1));
                        oldestSeconds.set(rs.getLong(2));
                    });
        } catch (RuntimeException e) {
            log.debug("outbox backlog not counted this time: {}", e.toString());
        }
    }
}
