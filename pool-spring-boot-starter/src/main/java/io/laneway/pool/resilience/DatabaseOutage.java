package io.laneway.pool.resilience;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means PostgreSQL itself is unreachable (down, restarting, connections cut) rather than that an
 * envelope is bad. Such a failure is nobody's envelope's fault: the pool defers the work and pauses the lanes
 * instead of spending the envelopes' attempts. Pure.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean is(Throwable error) {
        if (poolExhausted(error)) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The service's own connection pool had no free connection within its timeout, and no failed connection attempt
     * lies behind it (Hikari then attaches that failure as the cause): every connection is busy, PostgreSQL answers.
     * That is saturation, not an outage: the work is deferred, but the database's circuit breaker must not open and
     * pause every lane. Pure.
     */
    public static boolean poolExhausted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException timeout && timeout.getCause() == null && timeout.getSQLState() == null
                    && timeout.getMessage() != null && timeout.getMessage().contains("Connection is not available")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and the operator-intervention codes a stopping or restarting server
     * sends: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now.
     */
    static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
