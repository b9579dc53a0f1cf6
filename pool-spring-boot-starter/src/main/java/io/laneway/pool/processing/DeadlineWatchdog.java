package io.laneway.pool.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Interrupts a handler still running when its envelope's deadline passes, so the worker, its keys and its partition's
 * commit point are freed instead of held for as long as a payload asks (a client-chosen {@code segmentMillis}). One
 * scheduler thread for the whole pool; a guard that is closed in time costs a scheduled task and its cancellation.
 */
@Component
class DeadlineWatchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor scheduler;

    DeadlineWatchdog() {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "laneway-deadline-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Watches the current thread until the guard is closed. */
    Guard watch(Instant deadline) {
        Guard guard = new Guard(Thread.currentThread());
        long delayMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        guard.timer = scheduler.schedule(guard::expire, delayMillis, TimeUnit.MILLISECONDS);
        return guard;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Whether the deadline fired; after {@link #close()} no interrupt reaches the watched thread any more. */
    static final class Guard implements AutoCloseable {
        private final Thread watched;
        private ScheduledFuture<?> timer;
        private boolean running = true;
        private boolean fired;

        private Guard(Thread watched) {
            this.watched = watched;
        }

        private synchronized void expire() {
            if (running) {
                fired = true;
                watched.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            synchronized (this) {
                running = false;
            }
            timer.cancel(false);
            if (fired) {
                Thread.interrupted(); // the interrupt was ours: the worker goes on to roll back and take the next envelope
            }
        }
    }
}
