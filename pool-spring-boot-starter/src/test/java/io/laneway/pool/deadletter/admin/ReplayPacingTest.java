package io.laneway.pool.deadletter.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayPacingTest {

    private static final long MS = 1_000_000L;

    @Test
    void theFirstGoesAtOnceAndTheNextAreSpacedEvenly() {
        ReplayPacing pacing = new ReplayPacing(10, () -> 0L); // 100 ms apart

        assertThat(pacing.delayBeforeNext(0)).isZero();
        assertThat(pacing.delayBeforeNext(0)).isEqualTo(100 * MS);
        assertThat(pacing.delayBeforeNext(0)).isEqualTo(200 * MS);
    }

    @Test
    void aSlowReplayUsesUpItsSlotWithoutEarningABurst() {
        ReplayPacing pacing = new ReplayPacing(10, () -> 0L);

        assertThat(pacing.delayBeforeNext(0)).isZero();
        assertThat(pacing.delayBeforeNext(500 * MS)).as("late: no wait").isZero();
        assertThat(pacing.delayBeforeNext(500 * MS)).as("but the next is still 100 ms later, not at once").isEqualTo(100 * MS);
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatThrownBy(() -> new ReplayPacing(0, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
    }
}
