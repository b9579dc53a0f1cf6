package io.laneway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's wait before a retry: exponential, capped, never before Retry-After, up to a quarter of jitter. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    @ParameterizedTest(name = "attempt {0}, Retry-After {1} s, random {2} -> {3} ms")
    @CsvSource({
            "1, , 0.0, 200",
            "2, , 0.0, 400",
            "3, , 0.5, 900",       // 800 + 12.5%
            "10, , 0.0, 10000",    // capped
            "10, , 0.99, 12475",   // cap + jitter
            "1, 5, 0.0, 5000",     // Retry-After wins over a shorter backoff
            "1, 5, 1.0, 6250",
            "7, 1, 0.0, 10000",    // a longer backoff wins over Retry-After
    })
    void delay(int attempt, Long retryAfterSeconds, double random, long expectedMillis) {
        Duration retryAfter = retryAfterSeconds == null ? null : Duration.ofSeconds(retryAfterSeconds);
        assertThat(backoff.delayAfter(attempt, retryAfter, random).toMillis()).isEqualTo(expectedMillis);
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" -> {1}")
    @CsvSource(value = {"5|5", " 12 |12", "0|0", "Wed, 21 Oct 2026 07:28:00 GMT|", "|"}, delimiter = '|')
    void retryAfterInSeconds(String header, Long seconds) {
        assertThat(Backoff.parseRetryAfter(header)).isEqualTo(seconds == null ? null : Duration.ofSeconds(seconds));
    }
}
