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
        ScanPosition position = new ScanPosition(T1, null, "itr1/rec1", T2, STARTED, T1.plusSeconds(1));

        assertThat(ScanPosition.from(position.toCheckpoint())).isEqualTo(position);
    }

    @Test
    void aCompletedScanKeepsOnlyTheLatestModificationAsItsWatermark() {
        ScanPosition done = new ScanPosition(null, null, "itr", T1, STARTED, T1).completed(T2);

        assertThat(done.toCheckpoint()).isEqualTo(Checkpoint.of("after", T2.toString()));
    }

    @Test
    void aRecordModifiedAfterTheScanStartedMovesTheWatermarkNoFurtherThanTheStart() {
        Instant modifiedDuringTheScan = STARTED.plusSeconds(30);

        ScanPosition done = new ScanPosition(null, null, "itr", T1, STARTED, T1).completed(modifiedDuringTheScan);

        assertThat(done.after()).isEqualTo(STARTED);
    }

    @Test
    void aScanThatReadNothingKeepsItsWatermark() {
        ScanPosition done = new ScanPosition(T1, null, null, null, STARTED, null).completed(null);

        assertThat(done.after()).isEqualTo(T1);
    }

    @Test
    void aRestartReadsAgainFromTheLatestModificationOfARecordUnchangedSinceTheScanStartedInclusive() {
        ScanPosition restarted = new ScanPosition(T1, null, "expired", STARTED.plusSeconds(30), STARTED, T2).restart();

        assertThat(restarted.offset()).isNull();
        assertThat(restarted.lowerBound(true)).contains(T2);
        assertThat(restarted.lowerBound(false)).isEmpty();
        assertThat(restarted.startedAt()).isEqualTo(STARTED);
        assertThat(restarted.maxModified()).as("kept for the watermark").isEqualTo(STARTED.plusSeconds(30));
    }

    @Test
    void aRecordChangedAfterTheScanStartedDoesNotMoveWhereARestartBegins() {
        ScanPosition position = new ScanPosition(null, null, null, null, STARTED, null)
                .next("itr/rec100", T1, T1)
                // the next page shows a record changed during the scan, and one not changed since T2
                .next("itr/rec200", STARTED.plusSeconds(30), T2)
                // and then one only showing records changed during the scan
                .next("itr/rec300", STARTED.plusSeconds(40), null);

        assertThat(position.maxModified()).isEqualTo(STARTED.plusSeconds(40));
        assertThat(position.restartFrom()).isEqualTo(T2);
        assertThat(position.restart().lowerBound(true)).contains(T2);
    }

    @Test
    void aRestartBeforeAnyRecordUnchangedSinceTheStartWasReadStartsTheScanAgainFromItsFilter() {
        ScanPosition full = new ScanPosition(null, null, "expired", STARTED.plusSeconds(5), STARTED, null).restart();
        ScanPosition incremental = new ScanPosition(T1, null, "expired", STARTED.plusSeconds(5), STARTED, null)
                .restart();

        assertThat(full.lowerBound(true)).isEmpty();
        assertThat(full.lowerBound(false)).isEmpty();
        assertThat(full.offset()).isNull();
        assertThat(incremental.lowerBound(false)).contains(T1);
        assertThat(incremental.offset()).isNull();
    }

    @Test
    void aCheckpointOfAnEarlierVersionWithoutRestartFromRestartsFromItsFilterNotFromItsLatestModification() {
        Checkpoint earlier = Checkpoint.empty().with("offset", "itr/rec1").with("maxModified", T2.toString())
                .with("scanStartedAt", STARTED.toString());

        ScanPosition restarted = ScanPosition.from(earlier).restart();

        assertThat(restarted.lowerBound(true)).isEmpty();
        assertThat(restarted.lowerBound(false)).isEmpty();
    }
}
