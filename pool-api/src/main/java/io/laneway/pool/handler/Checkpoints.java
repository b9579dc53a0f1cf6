package io.laneway.pool.handler;

import java.util.Optional;

/**
 * Progress of long work that must survive a crash. A checkpoint commits at once in its own transaction
 * (not with the envelope's effects), so after a crash the next attempt, on any instance, starts from
 * {@link #last()} instead of from zero. Each written save also publishes a PROCESSING lifecycle event with
 * the progress, which the projection shows.
 *
 * <p>Saves are paced ({@code laneway.pool.checkpoint-interval}, default 1 s): one that comes sooner than that
 * after the attempt started or after the last written save is skipped, so call {@link #save} after every step
 * and let the pool decide. Read {@link #last()} before the first step: it is how a resumed attempt knows where
 * to start. Once the work commits, the pool deletes its checkpoint in the same transaction; checkpoints left by
 * work that never finished expire after {@code laneway.pool.idempotency-retention}.
 */
public interface Checkpoints {

    /** What the previous attempt saved, if any. */
    Optional<String> last();

    /** Saves the state to resume from and how far along the work is (0..100). */
    void save(String state, int percentDone);
}
