package io.laneway.pool.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FloodDetectorTest {

    @Test
    void aFingerprintBeyondTheThresholdInTheWindowIsAFloodOthersAreNot() {
        FloodDetector floods = new FloodDetector(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertThat(floods.isFlood("f1", 1_000 + i)).isFalse();
        }
        assertThat(floods.isFlood("f1", 1_004)).isTrue();
        assertThat(floods.isFlood("f2", 1_005)).as("another fingerprint is unaffected").isFalse();
        assertThat(floods.isFlood("f1", 1_000 + 61_000)).as("the window slid past the burst").isFalse();
    }

    @Test
    void fingerprintsIgnoreIdsAndNumbersButNotTypeOrErrorClass() {
        String a = Fingerprint.of("pay", "java.io.IOException", "order 123 failed for 4f1c2d3e-1111-2222-3333-444455556666");
        String b = Fingerprint.of("pay", "java.io.IOException", "order 987 failed for 0a0b0c0d-aaaa-bbbb-cccc-ddddeeeeffff");
        assertThat(a).isEqualTo(b);
        assertThat(Fingerprint.of("ship", "java.io.IOException", "order 123 failed")).isNotEqualTo(
                Fingerprint.of("pay", "java.io.IOException", "order 123 failed"));
        assertThat(Fingerprint.of("pay", "java.lang.IllegalStateException", "x")).isNotEqualTo(
                Fingerprint.of("pay", "java.io.IOException", "x"));
    }
}
