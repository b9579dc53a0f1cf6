package io.laneway.pool.outbox;

import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * Waits for the NOTIFYs of commits in other replicas on the relay lock's connection (a thread of its own, since the
 * relay also waits for this JVM's commits) and wakes the relay. If that connection breaks, the lock is gone too, so
 * the relay stops leading.
 */
final class NotificationListener {

    private final PGConnection connection;
    private final RelayWakeups wakeups;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile SQLException broken;

    NotificationListener(PGConnection connection, RelayWakeups wakeups) {
        this.connection = connection;
        this.wakeups = wakeups;
        this.thread = Thread.ofPlatform().name("outbox-listen").daemon().start(this::listen);
    }

    private void listen() {
        try {
            while (!stopped) {
                var received = connection.getNotifications(500);
                if (received != null && received.length > 0) {
                    wakeups.wake();
                }
            }
        } catch (SQLException e) {
            broken = e;
            wakeups.wake();
        }
    }

    void throwIfBroken() throws SQLException {
        if (broken != null) {
            throw broken;
        }
    }

    /** Returns once the thread is done with the connection, so the caller may close it. */
    void stop() throws InterruptedException {
        stopped = true;
        thread.join(2_000);
    }
}
