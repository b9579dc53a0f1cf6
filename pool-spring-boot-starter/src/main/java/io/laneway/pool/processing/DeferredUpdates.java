package io.laneway.pool.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Writes handlers queued with {@link io.laneway.pool.handler.HandlerContext#deferredUpdate}, grouped by SQL text in the
 * order each text was first queued, so each group runs as one JDBC batch (one multi-row INSERT with the pool's
 * {@code reWriteBatchedInserts}). One per handler invocation, and one per batch transaction that the writes of the
 * envelopes running without a savepoint move into.
 */
final class DeferredUpdates {

    private final Map<String, List<Object[]>> bySql = new LinkedHashMap<>();

    void add(String sql, Object[] params) {
        bySql.computeIfAbsent(sql, text -> new ArrayList<>()).add(params.clone());
    }

    boolean isEmpty() {
        return bySql.isEmpty();
    }

    /** Moves every queued write into {@code into}, behind what it holds. */
    void moveTo(DeferredUpdates into) {
        bySql.forEach((sql, rows) -> into.bySql.computeIfAbsent(sql, text -> new ArrayList<>()).addAll(rows));
        bySql.clear();
    }

    /** Runs the queued writes in the caller's transaction and forgets them; throws what the first failing batch threw. */
    void flush(JdbcOperations jdbc) {
        try {
            bySql.forEach(jdbc::batchUpdate);
        } finally {
            bySql.clear();
        }
    }
}
