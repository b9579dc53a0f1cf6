package io.laneway.pool.deadletter;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code laneway.pool.dead_letters.open}: dead letters waiting for an operator. Counted on a schedule, not in the
 * scrape: a gauge that queried PostgreSQL on every scrape made the whole /actuator/prometheus wait for a database
 * connection while the database was down, and so hid every other metric (the breaker states among them) exactly
 * when they mattered. While the count cannot be refreshed the last value stays.
 */
@Component
class OpenDeadLettersGauge {

    private static final Logger log = LoggerFactory.getLogger(OpenDeadLettersGauge.class);

    private final DeadLetterRepository deadLetters;
    private final AtomicLong open = new AtomicLong();

    OpenDeadLettersGauge(DeadLetterRepository deadLetters, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        Gauge.builder("laneway.pool.dead_letters.open", open, AtomicLong::get)
                .description("Dead letters with status OPEN (refreshed every 15 s)").register(meters);
    }

    @Scheduled(fixedDelayString = "${laneway.pool.dead-letters.gauge-interval:15s}", initialDelay = 0)
    void refresh() {
        try {
            open.set(deadLetters.countByStatus(DeadLetter.Status.OPEN));
        } catch (RuntimeException e) {
            log.debug("open dead letters not counted this time: {}", e.toString());
        }
    }
}
