package io.laneway.pool.engine;

import io.laneway.pool.processing.Attempt;

/** Where a failed record goes (retry tier or dead letters). Returns only once the record is safely written. */
public interface FailedRecordSink {

    /** @param attempt null when the record could not even be decoded */
    void accept(LaneRecord record, Attempt attempt, Throwable error);
}
