package io.laneway.pool.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

class LockContentionTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("deadlock broken by PostgreSQL (40P01), as Spring reports it", new PessimisticLockingFailureException("x",
                        new SQLException("ERROR: deadlock detected", "40P01")), true),
                Arguments.of("deadlock (40P01) inside a handler's own exception", new RuntimeException(
                        new SQLException("ERROR: deadlock detected", "40P01")), true),
                Arguments.of("serialization failure (40001)", new SQLException("could not serialize access", "40001"), true),
                Arguments.of("lock not available under NOWAIT (55P03)", new CannotAcquireLockException("x",
                        new SQLException("could not obtain lock", "55P03")), true),
                Arguments.of("rows changed since the handler read them (optimistic check)",
                        new org.springframework.dao.OptimisticLockingFailureException("stock taken meanwhile"), true),
                Arguments.of("a constraint the handler broke (23505)", new DataIntegrityViolationException("x",
                        new SQLException("duplicate key", "23505")), false),
                Arguments.of("connection refused (08001): an outage, not contention", new SQLException("Connection refused", "08001"), false),
                Arguments.of("a downstream's I/O error", new IOException("reset by peer"), false),
                Arguments.of("a state code nobody set", new SQLException("no state"), false));
    }

    @ParameterizedTest(name = "{0} -> contention {2}")
    @MethodSource("failures")
    void onlyALostRaceForRowsCountsAsContention(String what, Throwable failure, boolean contention) {
        assertThat(LockContention.is(failure)).isEqualTo(contention);
    }
}
