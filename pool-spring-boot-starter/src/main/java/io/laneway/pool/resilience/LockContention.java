package io.laneway.pool.resilience;

import java.sql.SQLException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Whether a failure means the envelope lost a race for rows another transaction held (PostgreSQL broke a deadlock, a
 * serializable transaction conflicted, or a handler's optimistic check found its rows changed) rather than that the
 * envelope is bad. Running it again a moment later
 * succeeds, so the pool defers it in place without spending an attempt. Pure.
 *
 * <p>Why: the pool commits a poll's envelopes in one transaction, so two batches that reserve stock for different
 * products in different orders deadlock now and then. Sent through the retry topics with backoff, 250 such losers
 * pushed an order saga run past its 2-minute step deadlines.
 */
public final class LockContention {

    private LockContention() {
    }

    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a handler's optimistic check found the rows it read changed by another transaction: also a lost race
            if (t instanceof PessimisticLockingFailureException || t instanceof OptimisticLockingFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && contentionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** 40P01 deadlock detected, 40001 serialization failure, 55P03 lock not available. */
    static boolean contentionState(String state) {
        return "40P01".equals(state) || "40001".equals(state) || "55P03".equals(state);
    }
}
