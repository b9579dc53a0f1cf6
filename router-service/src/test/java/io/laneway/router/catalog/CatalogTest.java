package io.laneway.router.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Staleness of a registered type's owner: a plain rule, a table. */
class CatalogTest {

    @ParameterizedTest(name = "seen {0} s ago, stale after {1} s -> {2}")
    @CsvSource({"0, 120, false", "119, 120, false", "121, 120, true", "3600, 120, true"})
    void anOwnerNotSeenForLongerThanTheBoundIsStale(long secondsAgo, long boundSeconds, boolean stale) {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        assertThat(Catalog.isStale(now.minusSeconds(secondsAgo), now, Duration.ofSeconds(boundSeconds))).isEqualTo(stale);
    }

    @Test
    void anOwnerNeverSeenIsStale() {
        assertThat(Catalog.isStale(null, Instant.now(), Duration.ofSeconds(120))).isTrue();
    }
}
