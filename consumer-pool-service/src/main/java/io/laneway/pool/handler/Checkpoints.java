package io.laneway.pool.handler;

import java.util.Optional;

/**
 * Progress of long work that must survive a crash. A checkpoint commits at once in its own transaction
 * (not with the envelope's effects), so after a crash the next attempt, on any instance, starts from
 * {@link #last()} instead of from zero. Each save also publishes a PROCESSING lifecycle event with the
 * progress, which the projection shows.
 */
public interface Checkpoints {

    /** What the previous attempt saved, if any. */
    Optional<String> last();

    /** Saves the state to resume from and how far along the work is (0..100). */
    void save(String state, int percentDone);
}
