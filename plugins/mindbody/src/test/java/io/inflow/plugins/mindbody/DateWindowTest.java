package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The date windows of class schedules, visits and sales on incremental reads, where the configured window (the
 * sandbox's: 2024-10-13 to 2025-11-14) meets the look-back from the last scan (30 days by default). An incremental
 * run logged {@code reading Mindbody sales: from 2026-11-04 to 2025-11-14}: a full import on 2026-12-04, then an
 * incremental one the same day. A window whose start is after its end is never built.
 */
class DateWindowTest {

    @RegisterExtension
    static final MindbodyStudio STUDIO = new MindbodyStudio("2026-12-04T15:00:00Z");
    private static final TestClock clock = STUDIO.clock();

    private static RecordingReadContext read(String stream, Checkpoint checkpoint, Map<String, Object> overrides)
            throws Exception {
        return STUDIO.read(stream, checkpoint, overrides);
    }

    private static List<LoggedRequest> pages(String path) {
        return STUDIO.pages(path);
    }

    @Test
    void theIncrementalRunAfterAFullImportOnTheDayOfTheIncidentReadsNothingAndBuildsNoInvertedWindow() throws Exception {
        RecordingReadContext full = read("sales", Checkpoint.empty(), Map.of());
        assertThat(full.records()).hasSize(StudioFigures.SALES);
        STUDIO.sandbox().reset();

        RecordingReadContext incremental = read("sales", full.lastCheckpoint(), Map.of());

        assertThat(incremental.logLines()).noneMatch(line -> line.contains("from 2026-11-04 to 2025-11-14"));
        assertThat(STUDIO.sandbox().mindbody().requests()).isEmpty();
        assertThat(full.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", "2026-12-04T15:00:00Z")
                .with("to", "2025-11-14"));
        assertThat(incremental.records()).isEmpty();
        assertThat(incremental.batches()).hasSize(1);
        assertThat(incremental.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", "2026-12-04T15:00:00Z")
                .with("to", "2025-11-14"));
        assertThat(incremental.logLines()).containsExactly("reading Mindbody sales: nothing to read: the last scan "
                + "(2026-12-04T15:00:00Z) read every day up to 2025-11-14, and its look-back of 30 days reaches back "
                + "only to 2026-11-04, after the window's end, 2025-11-14 ('endDate')");
    }

    @Test
    void aLastScanOnTheLastDayWhoseLookBackReachesTheEndReadsThatOneDayAgain() throws Exception {
        Checkpoint lastScan = Checkpoint.of("lastScanAt", "2025-12-14T23:59:59Z").with("to", "2025-11-14");

        RecordingReadContext context = read("sales", lastScan, Map.of());

        LoggedRequest first = pages("/sale/sales").get(0);
        assertThat(first.param("request.startSaleDateTime")).contains("2025-11-14T00:00:00");
        assertThat(first.param("request.endSaleDateTime")).contains("2025-11-14T23:59:59");
        assertThat(context.logLines()).contains("reading Mindbody sales: from 2025-11-14 to 2025-11-14");
        assertThat(context.records()).hasSize(STUDIO.sandbox().mindbody().streams(StudioFigures.LAST_CLASS_DAY,
                StudioFigures.LAST_CLASS_DAY).get("sales").intValue()).isNotEmpty();
    }

    @Test
    void aLastScanOneSecondLaterOnTheNextUtcDayReadsNothing() throws Exception {
        Checkpoint lastScan = Checkpoint.of("lastScanAt", "2025-12-15T00:00:00Z").with("to", "2025-11-14");

        RecordingReadContext context = read("visits", lastScan, Map.of());

        assertThat(STUDIO.sandbox().mindbody().requests()).isEmpty();
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", clock.instant().toString())
                .with("to", "2025-11-14"));
        assertThat(context.logLines()).singleElement().asString().contains("nothing to read")
                .contains("reaches back only to 2025-11-15");
    }

    @Test
    void aCheckpointWrittenBeforeTheLastDayReadWasKeptReadsNothingPastTheBoundaryEither() throws Exception {
        // the version that logged the inverted window kept only lastScanAt
        RecordingReadContext context = read("class_schedules", Checkpoint.of("lastScanAt", "2025-12-15T00:00:00Z"),
                Map.of());

        assertThat(STUDIO.sandbox().mindbody().requests()).isEmpty();
        assertThat(context.logLines()).singleElement().asString()
                .contains("nothing to read: the last scan (2025-12-15T00:00:00Z) read the window");
    }

    @Test
    void daysAddedByALaterEndDateAreReadThoughTheLookBackStartsAfterThem() throws Exception {
        Checkpoint lastScan = Checkpoint.of("lastScanAt", "2026-12-04T09:00:00Z").with("to", "2025-11-14");

        RecordingReadContext context = read("sales", lastScan, Map.of("endDate", "2026-12-31"));

        LoggedRequest first = pages("/sale/sales").get(0);
        assertThat(first.param("request.startSaleDateTime")).contains("2025-11-15T00:00:00");
        assertThat(first.param("request.endSaleDateTime")).contains("2026-12-31T23:59:59");
        assertThat(context.lastCheckpoint().get("to")).contains("2026-12-31");
    }

    @Test
    void aStartDateAfterTheRollingEndOfTheWindowReadsNothingYetAndSaysWhy() throws Exception {
        // without an endDate the window ends 30 days after today, 2027-01-03
        RecordingReadContext context = read("class_schedules", Checkpoint.empty(),
                Map.of("startDate", "2027-01-04", "endDate", ""));

        assertThat(STUDIO.sandbox().mindbody().requests()).isEmpty();
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", clock.instant().toString()));
        assertThat(context.logLines()).containsExactly("reading Mindbody class_schedules: nothing to read: the window "
                + "starts on 2027-01-04 ('startDate'), after its end, 2027-01-03 (30 days after today)");
    }

    @Test
    void aStartDateOnTheRollingEndOfTheWindowReadsThatDay() throws Exception {
        read("class_schedules", Checkpoint.empty(), Map.of("startDate", "2027-01-03", "endDate", ""));

        LoggedRequest first = pages("/class/classes").get(0);
        assertThat(first.param("request.startDateTime")).contains("2027-01-03T00:00:00");
        assertThat(first.param("request.endDateTime")).contains("2027-01-03T23:59:59");
    }

    @Test
    void aWindowScanStartingOnALaterScanOfARollingWindowStillReachesBackItsLookBack() throws Exception {
        Checkpoint lastScan = Checkpoint.of("lastScanAt", "2026-12-01T10:00:00Z").with("to", "2026-12-31");

        read("sales", lastScan, Map.of("endDate", ""));

        LoggedRequest first = pages("/sale/sales").get(0);
        assertThat(first.param("request.startSaleDateTime")).contains("2026-11-01T00:00:00");
        assertThat(first.param("request.endSaleDateTime")).contains("2027-01-03T23:59:59");
    }
}
