package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScanPositionTest {

    private static final Instant START = Instant.parse("2025-02-28T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");

    @Test
    void aFreshCheckpointStartsAtTheFirstStartAndReadsUpToNow() {
        ScanPosition position = ScanPosition.from(Checkpoint.empty(), START).begin(NOW);

        assertThat(position.modifiedSince()).isEqualTo(START);
        assertThat(position.windowEnd()).isEqualTo(START.plus(ScanPosition.MAX_WINDOW));
        assertThat(position.until()).isEqualTo(NOW);
        assertThat(position.page()).isEqualTo(1);
    }

    @Test
    void survivesARoundTripThroughACheckpoint() {
        ScanPosition position = new ScanPosition(START, START.plus(Duration.ofDays(3)), NOW, 7);

        assertThat(ScanPosition.from(position.toCheckpoint(), Instant.EPOCH)).isEqualTo(position);
    }

    @Test
    void aScanThatBeganKeepsItsEndWhenResumed() {
        ScanPosition position = new ScanPosition(START, START.plus(Duration.ofDays(3)), NOW, 7);

        assertThat(position.begin(NOW.plus(Duration.ofDays(1)))).isEqualTo(position);
    }

    @Test
    void windowsFollowEachOtherUpToTheScansEnd() {
        ScanPosition first = ScanPosition.from(Checkpoint.empty(), START).begin(NOW);

        ScanPosition second = first.atPage(4).afterWindow();
        ScanPosition third = second.afterWindow();

        assertThat(second.modifiedSince()).isEqualTo(first.windowEnd());
        assertThat(second.page()).isEqualTo(1);
        assertThat(third.windowEnd()).isEqualTo(NOW);
        assertThat(third.afterWindow().isCompleted()).isTrue();
    }

    @Test
    void aCompletedScanKeepsOnlyItsEndLessTheOverlapAsTheNextStart() {
        ScanPosition last = new ScanPosition(NOW.minus(Duration.ofDays(1)), NOW, NOW, 3);

        assertThat(last.afterWindow().toCheckpoint())
                .isEqualTo(Checkpoint.of("modifiedSince", NOW.minus(ScanPosition.OVERLAP).toString()));
    }

    @Test
    void aStartInTheFutureHasNoWindowAndKeepsItsStart() {
        Instant future = NOW.plus(Duration.ofDays(10));

        ScanPosition position = ScanPosition.from(Checkpoint.empty(), future).begin(NOW);

        assertThat(position.hasWindow()).isFalse();
        assertThat(position.completed().toCheckpoint()).isEqualTo(Checkpoint.of("modifiedSince", future.toString()));
    }
}
