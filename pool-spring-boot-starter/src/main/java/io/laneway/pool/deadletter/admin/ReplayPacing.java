package io.laneway.pool.deadletter.admin;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} replays a second, evenly spaced: a bulk redrive of thousands of letters must not hit the
 * lane (and the downstream that failed them) at once. Written here rather than taken from a rate-limiter library: one
 * caller, one thread, a fixed spacing; a token bucket's bursts are what this avoids.
 */
final class ReplayPacing {

    private final long spacingNanos;
    private final LongSupplier clock;
    private long next;
    private boolean started;

    ReplayPacing(int perSecond, LongSupplier clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.spacingNanos = 1_000_000_000L / perSecond;
        this.clock = clock;
    }

    /** How long the next replay must wait from {@code now}, and books its slot. Pure given the clock reading. */
    long delayBeforeNext(long now) {
        if (!started) {
            started = true;
            next = now + spacingNanos;
            return 0;
        }
        long delay = Math.max(0, next - now);
        next = Math.max(next, now) + spacingNanos;
        return delay;
    }

    void awaitNextSlot() {
        long delay = delayBeforeNext(clock.getAsLong());
        if (delay > 0) {
            LockSupport.parkNanos(delay);
        }
    }
}
