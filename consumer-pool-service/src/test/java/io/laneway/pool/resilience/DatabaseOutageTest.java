package io.laneway.pool.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseOutageTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("no connection from the pool, the last attempt to open one refused (Hikari timeout)",
                        new CannotCreateTransactionException("x", new SQLTransientConnectionException(
                                "HikariPool-1 - Connection is not available, request timed out after 5000ms", "08001",
                                new SQLException("Connection refused", "08001"))), true),
                Arguments.of("no connection from the pool, all of them busy (saturation, not an outage)",
                        new CannotCreateTransactionException("x", new SQLTransientConnectionException(
                                "HikariPool-1 - Connection is not available, request timed out after 5000ms (total=64, active=64)")), false),
                Arguments.of("connection cut by a stopping server (57P01)", new DataAccessResourceFailureException("x",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01")), true),
                Arguments.of("connection refused (08001)", new RuntimeException(new SQLException("Connection refused", "08001")), true),
                Arguments.of("server starting up (57P03)", new SQLException("the database system is starting up", "57P03"), true),
                Arguments.of("a constraint the handler broke (23505)", new DataIntegrityViolationException("x",
                        new SQLException("duplicate key", "23505")), false),
                Arguments.of("bad SQL in a handler (42601)", new SQLException("syntax error", "42601"), false),
                Arguments.of("a downstream's I/O error", new IOException("reset by peer"), false),
                Arguments.of("a state code nobody set", new SQLException("no state"), false));
    }

    @ParameterizedTest(name = "{0} -> outage {2}")
    @MethodSource("failures")
    void onlyAnUnreachableDatabaseCountsAsAnOutage(String what, Throwable failure, boolean outage) {
        assertThat(DatabaseOutage.is(failure)).isEqualTo(outage);
    }

    @Test
    void aSaturatedConnectionPoolIsToldApartFromAnUnreachableDatabase() {
        var busy = new CannotCreateTransactionException("x", new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms (total=64, active=64)"));
        var down = new CannotCreateTransactionException("x", new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms", "08001",
                new SQLException("Connection refused", "08001")));

        assertThat(DatabaseOutage.poolExhausted(busy)).isTrue();
        assertThat(DatabaseOutage.poolExhausted(down)).isFalse();
    }
}
