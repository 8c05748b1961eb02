package io.inflow.sandbox.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final SlidingWindow window = new SlidingWindow();

    @Test
    void admitsUpToTheLimitWithinOneSecond() {
        for (int i = 0; i < 5; i++) {
            assertThat(window.admit(1_000 + i * 100, 5, 30_000)).isTrue();
        }
        assertThat(window.admit(1_999, 5, 30_000)).isFalse();
    }

    @Test
    void aRequestExactlyOneSecondOldNoLongerCounts() {
        for (int i = 0; i < 5; i++) {
            assertThat(window.admit(1_000, 5, 30_000)).isTrue();
        }
        assertThat(window.admit(2_000, 5, 30_000)).isTrue();
    }

    @Test
    void aViolationLocksOutUntilTheLockoutEnds() {
        for (int i = 0; i < 6; i++) {
            window.admit(1_000, 5, 30_000);
        }

        assertThat(window.admit(30_999, 5, 30_000)).isFalse();
        assertThat(window.admit(31_000, 5, 30_000)).isTrue();
    }

    @Test
    void refusedRequestsStillCountInTheWindow() {
        for (int i = 0; i < 6; i++) {
            window.admit(1_000, 5, 500);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(window.admit(1_400, 5, 500)).isFalse();
        }

        assertThat(window.admit(2_300, 5, 500)).as("the five refused at 1.4 s still count").isFalse();
    }
}
