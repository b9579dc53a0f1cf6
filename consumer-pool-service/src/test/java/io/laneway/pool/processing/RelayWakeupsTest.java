package io.laneway.pool.processing;

import io.laneway.contracts.order.OrderCommands;
import io.laneway.pool.outbox.OutboxChannel;
import io.laneway.pool.outbox.RelayWakeups;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A committing transaction wakes the relay in this JVM directly and sends no NOTIFY; a relay elsewhere gets a NOTIFY.
 * Real PostgreSQL: a LISTEN connection of the test's own sees what was sent. Each test ends its observation with a
 * NOTIFY of its own ("sentinel"): PostgreSQL delivers notifications in commit order, so whatever arrived before the
 * sentinel is everything the transaction under test sent. Only notifications from that transaction's backend count:
 * pools of other cached test contexts may commit meanwhile.
 */
class RelayWakeupsTest extends PoolIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("batchTransactions")
    TransactionTemplate transactions;

    /** Not the application's bean: the running relay keeps its own state. */
    private final io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private final RelayWakeups wakeups = new RelayWakeups(meters);
    private Connection listener;
    /** The backends the transactions under test ran on. */
    private final java.util.Set<Integer> backends = new java.util.HashSet<>();

    @BeforeEach
    void listen() throws SQLException {
        listener = dataSource.getConnection();
        listener.setAutoCommit(true);
        listener.createStatement().execute("listen " + OutboxChannel.NAME);
    }

    @AfterEach
    void unlisten() throws SQLException {
        listener.createStatement().execute("unlisten *"); // the connection goes back to the pool
        listener.close();
    }

    @Test
    void withTheRelayElsewhereACommitNotifiesIt() throws Exception {
        transactions.executeWithoutResult(status -> wroteOutboxRows());

        assertThat(payloadsUpToTheSentinel()).containsExactly("");
        assertThat(wakeups.await(0)).as("nothing to wake in this JVM").isFalse();
        assertThat(wakeupsVia("notify")).isEqualTo(1);
        assertThat(wakeupsVia("in-process")).isZero();
    }

    @Test
    void withTheRelayHereACommitWakesItWithoutNotify() throws Exception {
        wakeups.localRelayLeads(true);

        transactions.executeWithoutResult(status -> {
            wroteOutboxRows();
            try {
                assertThat(wakeups.await(0)).as("woken before the rows are committed").isFalse();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(wakeups.await(0)).as("woken by the commit").isTrue();
        assertThat(payloadsUpToTheSentinel()).as("no NOTIFY: it would serialize commits").isEmpty();
        assertThat(wakeupsVia("in-process")).isEqualTo(1);
        assertThat(wakeupsVia("notify")).isZero();
    }

    @Test
    void aRolledBackTransactionWakesNobody() throws Exception {
        wakeups.localRelayLeads(true);

        transactions.executeWithoutResult(status -> {
            wroteOutboxRows();
            status.setRollbackOnly();
        });

        assertThat(wakeups.await(0)).isFalse();
        assertThat(payloadsUpToTheSentinel()).isEmpty();
    }

    @Test
    void manyCommitsWakeTheRelayOnce() throws Exception {
        wakeups.localRelayLeads(true);

        for (int i = 0; i < 3; i++) {
            transactions.executeWithoutResult(status -> wroteOutboxRows());
        }

        assertThat(wakeups.await(0)).isTrue();
        assertThat(wakeups.await(0)).as("one pass of the relay covers every commit before it").isFalse();
    }

    private double wakeupsVia(String via) {
        return meters.counter("laneway.outbox.wakeups", "via", via).count();
    }

    /** What {@link OutboxWriter} does after inserting a batch's rows, remembering which backend it ran on. */
    private void wroteOutboxRows() {
        backends.add(jdbc.queryForObject("select pg_backend_pid()", Integer.class));
        wakeups.afterCommitOf(jdbc);
    }

    /** Payloads received on the outbox channel before a sentinel this test sends after the transaction under test. */
    private List<String> payloadsUpToTheSentinel() throws SQLException {
        jdbc.execute("select pg_notify('" + OutboxChannel.NAME + "', 'sentinel')");
        PGConnection notifications = listener.unwrap(PGConnection.class);
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var received = notifications.getNotifications(1_000);
            for (var notification : received == null ? new org.postgresql.PGNotification[0] : received) {
                if (notification.getParameter().equals("sentinel")) {
                    return payloads;
                }
                if (backends.contains(notification.getPID())) {
                    payloads.add(notification.getParameter());
                }
            }
        }
        throw new AssertionError("the sentinel NOTIFY did not arrive within 10 s; received before it: " + payloads);
    }
}
