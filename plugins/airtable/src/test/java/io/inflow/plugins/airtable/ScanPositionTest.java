package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScanPositionTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-01T10:00:00Z");
    private static final Instant STARTED = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aFreshCheckpointStartsAFullScan() {
        ScanPosition position = ScanPosition.from(Checkpoint.empty());

        assertThat(position.lowerBound(false)).isEmpty();
        assertThat(position.lowerBound(true)).isEmpty();
        assertThat(position.offset()).isNull();
    }

    @Test
    void survivesARoundTripThroughACheckpoint() {
        ScanPosition position = new ScanPosition(T1, null, "itr1/rec1", T2, STARTED);

        assertThat(ScanPosition.from(position.toCheckpoint())).isEqualTo(position);
    }

    @Test
    void aCompletedScanKeepsOnlyTheLatestModificationAsItsWatermark() {
        ScanPosition done = new ScanPosition(null, null, "itr", T1, STARTED).completed(T2);

        assertThat(done.toCheckpoint()).isEqualTo(Checkpoint.of("after", T2.toString()));
    }

    @Test
    void aRecordModifiedAfterTheScanStartedMovesTheWatermarkNoFurtherThanTheStart() {
        Instant modifiedDuringTheScan = STARTED.plusSeconds(30);

        ScanPosition done = new ScanPosition(null, null, "itr", T1, STARTED).completed(modifiedDuringTheScan);

        assertThat(done.after()).isEqualTo(STARTED);
    }

    @Test
    void aScanThatReadNothingKeepsItsWatermark() {
        ScanPosition done = new ScanPosition(T1, null, null, null, STARTED).completed(null);

        assertThat(done.after()).isEqualTo(T1);
    }

    @Test
    void aRestartReadsAgainFromTheLatestModificationInclusive() {
        ScanPosition restarted = new ScanPosition(T1, null, "expired", T2, STARTED).restart();

        assertThat(restarted.offset()).isNull();
        assertThat(restarted.lowerBound(true)).contains(T2);
        assertThat(restarted.lowerBound(false)).isEmpty();
        assertThat(restarted.startedAt()).isEqualTo(STARTED);
    }
}
