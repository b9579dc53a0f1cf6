package io.laneway.pool.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The relay's sessions on the real PostgreSQL: a network timeout on the client, keepalives on the server. */
class RelaySessionsTest extends PoolIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aRelaySessionNoticesADeadPathFromBothEnds() throws Exception {
        try (Connection connection = RelaySessions.guarded(dataSource.getConnection())) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(30_000);
            assertThat(show(connection, "tcp_keepalives_idle")).isEqualTo("10");
            assertThat(show(connection, "tcp_keepalives_interval")).isEqualTo("5");
            assertThat(show(connection, "tcp_keepalives_count")).isEqualTo("3");
        }
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
