package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ScanPositionTest {

    private static final Instant STARTED = Instant.parse("2025-12-01T09:00:00Z");
    private static final Instant MODIFIED = Instant.parse("2025-11-14T18:30:00Z");

    @Test
    void aFreshCheckpointIsNotMidScanAndHasNoFilter() {
        ScanPosition position = ScanPosition.from(Checkpoint.empty());

        assertThat(position.midScan()).isFalse();
        assertThat(position.since()).isNull();
        assertThat(position.lastScanAt()).isNull();
    }

    @Test
    void survivesARoundTripThroughACheckpoint() {
        ScanPosition position = new ScanPosition(400, MODIFIED, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31),
                MODIFIED.plusSeconds(5), STARTED, 6_539, null);

        assertThat(ScanPosition.from(position.toCheckpoint())).isEqualTo(position);
    }

    @Test
    void aCompletedClientsScanKeepsOnlyItsWatermarkADayBeforeTheLatestChangeItRead() {
        ScanPosition done = ScanPosition.clientsSince(null, STARTED).next(200, 6_539, MODIFIED)
                .completed(MindbodyStream.Paging.MODIFIED, MODIFIED.minusSeconds(60));

        assertThat(done.toCheckpoint()).isEqualTo(Checkpoint.of("since", MODIFIED.minus(Duration.ofDays(1)).toString()));
    }

    @Test
    void aClientChangedWhileTheScanRanMovesTheWatermarkNoFurtherThanTheScansStart() {
        ScanPosition done = ScanPosition.clientsSince(null, STARTED)
                .completed(MindbodyStream.Paging.MODIFIED, STARTED.plusSeconds(30));

        assertThat(done.since()).isEqualTo(STARTED.minus(Duration.ofDays(1)));
    }

    @Test
    void aClientsScanThatReadNothingKeepsItsWatermark() {
        ScanPosition done = ScanPosition.clientsSince(MODIFIED, STARTED).completed(MindbodyStream.Paging.MODIFIED, null);

        assertThat(done.since()).isEqualTo(MODIFIED);
        assertThat(done.midScan()).isFalse();
    }

    @Test
    void aCompletedWindowScanRemembersWhenItStartedAndTheLastDayItRead() {
        ScanPosition done = ScanPosition.window(LocalDate.of(2024, 10, 13), LocalDate.of(2025, 11, 14), STARTED)
                .next(200, 12_407, null).completed(MindbodyStream.Paging.WINDOW, null);

        assertThat(done.toCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", STARTED.toString())
                .with("to", "2025-11-14"));
    }

    @Test
    void aWindowWhoseStartIsAfterItsEndIsNeverBuilt() {
        assertThatThrownBy(() -> ScanPosition.window(LocalDate.of(2026, 11, 4), LocalDate.of(2025, 11, 14), STARTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no day");
        assertThat(ScanPosition.window(LocalDate.of(2025, 11, 14), LocalDate.of(2025, 11, 14), STARTED).from())
                .isEqualTo(LocalDate.of(2025, 11, 14));
    }
}
