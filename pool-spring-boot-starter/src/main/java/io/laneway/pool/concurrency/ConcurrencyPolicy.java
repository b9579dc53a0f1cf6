package io.laneway.pool.concurrency;

/** Decides a lane's next concurrency limit from the current one and what was observed. Pure. */
@FunctionalInterface
public interface ConcurrencyPolicy {

    int next(int current, LaneSignals signals);
}
