package io.laneway.pool.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a loop body (a lane's poll loop, the retry forwarder) again whenever it ends with an exception while it should
 * still run, backing off 1 s, 2 s, 4 s ... up to 30 s between starts; a run that lasted a minute resets the backoff.
 * Without it one unexpected exception stopped a lane or all retries until the pod restarted. Each restart is counted
 * ({@code laneway.pool.loop.restarts{loop}}) and logged with its cause.
 */
public final class RestartingLoop {

    private static final Logger log = LoggerFactory.getLogger(RestartingLoop.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final String name;
    private final Counter restarts;
    private final Sleeper sleeper;

    /** Waits between starts (tests pass one that does not sleep). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public RestartingLoop(String name, MeterRegistry meters) {
        this(name, meters, duration -> Thread.sleep(duration));
    }

    RestartingLoop(String name, MeterRegistry meters, Sleeper sleeper) {
        this.name = name;
        this.restarts = meters.counter("laneway.pool.loop.restarts", "loop", name);
        this.sleeper = sleeper;
    }

    /** Runs {@code body} until it returns normally or {@code keepRunning} turns false. */
    public void run(Runnable body, BooleanSupplier keepRunning) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            long started = System.nanoTime();
            try {
                body.run();
                return;
            } catch (RuntimeException e) {
                if (!keepRunning.getAsBoolean()) {
                    return;
                }
                if (System.nanoTime() - started > HEALTHY_RUN.toNanos()) {
                    backoff = FIRST_BACKOFF;
                }
                restarts.increment();
                log.error("{} failed; starting it again in {} ms", name, backoff.toMillis(), e);
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!keepRunning.getAsBoolean()) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
