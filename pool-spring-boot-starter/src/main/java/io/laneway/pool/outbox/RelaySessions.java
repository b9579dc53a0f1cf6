package io.laneway.pool.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The relay's two PostgreSQL sessions (the advisory lock + LISTEN, and the work) are long-lived, so a dead network path
 * must be noticed from both ends. Client side: a statement that gets no answer within {@link #NETWORK_TIMEOUT} fails,
 * the relay gives up its leadership and competes again. Server side: TCP keepalives on these sessions let PostgreSQL
 * drop a vanished leader within about {@link #KEEPALIVE_DETECTION}, which frees the advisory lock for a standby;
 * without them the lock would stay with a half-open session for the kernel's default of over two hours.
 */
final class RelaySessions {

    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);
    static final int KEEPALIVE_IDLE_SECONDS = 10;
    static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    static final int KEEPALIVE_COUNT = 3;
    static final Duration KEEPALIVE_DETECTION = Duration.ofSeconds(KEEPALIVE_IDLE_SECONDS + KEEPALIVE_INTERVAL_SECONDS * KEEPALIVE_COUNT);

    private RelaySessions() {
    }

    static Connection guarded(Connection connection) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true); // session settings, not a transaction's
        try (Statement s = connection.createStatement()) {
            s.execute("set tcp_keepalives_idle = " + KEEPALIVE_IDLE_SECONDS);
            s.execute("set tcp_keepalives_interval = " + KEEPALIVE_INTERVAL_SECONDS);
            s.execute("set tcp_keepalives_count = " + KEEPALIVE_COUNT);
        }
        connection.setAutoCommit(autoCommit);
        return connection;
    }
}
