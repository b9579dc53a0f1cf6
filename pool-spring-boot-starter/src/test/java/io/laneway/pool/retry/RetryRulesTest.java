package io.laneway.pool.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.laneway.contracts.Topics;
import io.laneway.pool.config.PoolTopics;
import io.laneway.pool.handler.NonRetryableProcessingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryRulesTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

    @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
    @CsvSource({
            "2, 0.0, 250",     // first retry: half of 500 fixed ...
            "2, 1.0, 500",     // ... plus up to half random
            "3, 0.5, 750",     // 1000 -> 500 + 250
            "4, 0.0, 1000",    // 2000 -> 1000
            "20, 0.0, 15000",  // capped at 30 s, then jittered
            "20, 1.0, 30000",
    })
    void exponentialWithCapAndEqualJitter(int attempt, double random, long expectedMillis) {
        assertThat(backoff.delayBefore(attempt, random).toMillis()).isEqualTo(expectedMillis);
    }

    @ParameterizedTest(name = "{0} at attempt {1} of {2} -> {3}")
    @CsvSource({
            "TRANSIENT, 1, 3, retry",
            "TRANSIENT, 2, 3, retry",
            "TRANSIENT, 3, 3, dead",
            "PERMANENT, 1, 3, dead",
    })
    void retryOrDeadLetter(FailureKind kind, int attempt, int max, String expected) {
        RetryDecision decision = RetryDecision.decide(kind, attempt, max, backoff, 0.5);
        assertThat(decision instanceof RetryDecision.Retry ? "retry" : "dead").isEqualTo(expected);
        if (decision instanceof RetryDecision.Retry retry) {
            assertThat(retry.nextAttempt()).isEqualTo(attempt + 1);
        }
    }

    @Test
    void classifiesByTypeAndCausePermanentFirst() {
        var classifier = new FailureClassifier(List.of(NonRetryableProcessingException.class, IllegalArgumentException.class),
                List.of(TimeoutException.class, IOException.class), FailureKind.TRANSIENT);
        assertThat(classifier.classify(new NonRetryableProcessingException("bad"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.classify(new RuntimeException(new IllegalArgumentException("wrapped")))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classifier.classify(new IOException("reset"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classifier.classify(new IllegalStateException("unknown"))).isEqualTo(FailureKind.TRANSIENT);
        var strict = new FailureClassifier(List.of(), List.of(IOException.class), FailureKind.PERMANENT);
        assertThat(strict.classify(new IllegalStateException("unknown"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void maxAttemptsPerTypeFallBackToTheDefaultAlsoWhenNoOverridesAreConfigured() {
        // no laneway.pool.retry.max-attempts-by-type binds as null: every type then gets the default
        assertThat(new RetryPolicies(3, null).maxAttempts("demo.work")).isEqualTo(3);
        var overridden = new RetryPolicies(3, java.util.Map.of("payment.charge", 5));
        assertThat(overridden.maxAttempts("payment.charge")).isEqualTo(5);
        assertThat(overridden.maxAttempts("demo.work")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
            "100, laneway.retry.5s",
            "5000, laneway.retry.5s",
            "5001, laneway.retry.1m",
            "60000, laneway.retry.1m",
            "60001, laneway.retry.10m",
    })
    void delayTier(long millis, String topic) {
        assertThat(new PoolTopics("").retryTier(Duration.ofMillis(millis))).isEqualTo(topic);
        assertThat(Topics.retryTiers()).contains(topic);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "100, laneway.invoicing.retry.5s",
            "60001, laneway.invoicing.retry.10m",
    })
    void aTeamNamespaceHasItsOwnTiers(long millis, String topic) {
        PoolTopics topics = new PoolTopics("invoicing");
        assertThat(topics.retryTier(Duration.ofMillis(millis))).isEqualTo(topic);
        assertThat(topics.retryTiers()).contains(topic);
        assertThat(topics.deadLetters()).isEqualTo("laneway.invoicing.dlq");
        assertThat(topics.ownTopics()).containsEntry("laneway.invoicing.lane.fast", 12).containsKey(topic);
        assertThat(new PoolTopics(null).ownTopics()).isEmpty();
    }
}
