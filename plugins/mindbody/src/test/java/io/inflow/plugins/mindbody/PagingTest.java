package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offset paging at its edges, resuming a scan, and the windows of date-bound streams. */
class PagingTest {

    @RegisterExtension
    static final MindbodyStudio STUDIO = new MindbodyStudio("2025-11-20T12:00:00Z");
    private static final TestClock clock = STUDIO.clock();

    private static RecordingReadContext read(String stream, Checkpoint checkpoint, Map<String, Object> overrides)
            throws Exception {
        return STUDIO.read(stream, checkpoint, overrides);
    }

    private static List<LoggedRequest> pages(String path) {
        return STUDIO.pages(path);
    }

    private static List<String> offsets(String path) {
        return pages(path).stream().map(r -> r.param("request.offset").orElseThrow()).toList();
    }

    @Test
    void anEmptyResultIsOneCallAndACompletedScan() throws Exception {
        RecordingReadContext context = read("sales", Checkpoint.empty(), Map.of("startDate", "2023-01-01", "endDate", "2023-01-31"));

        assertThat(offsets("/sale/sales")).containsExactly("0");
        assertThat(context.batches()).hasSize(1);
        assertThat(context.records()).isEmpty();
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", clock.instant().toString())
                .with("to", "2023-01-31"));
    }

    @Test
    void aListThatIsAnExactMultipleOfThePageSizeEndsWithoutAskingForAnEmptyPage() throws Exception {
        RecordingReadContext context = read("classes", Checkpoint.empty(), Map.of("pageSize", 42));

        assertThat(offsets("/class/classdescriptions")).containsExactly("0", "42");
        assertThat(context.records()).hasSize(StudioFigures.CLASS_DESCRIPTIONS);
        assertThat(context.batches()).hasSize(2);
        assertThat(context.batches().get(0).checkpoint().get("offset")).contains("42");
        assertThat(context.lastCheckpoint().get("offset")).isEmpty();
    }

    @Test
    void theLastPageMayBeShort() throws Exception {
        RecordingReadContext context = read("classes", Checkpoint.empty(), Map.of("pageSize", 50));

        assertThat(offsets("/class/classdescriptions")).containsExactly("0", "50");
        assertThat(pages("/class/classdescriptions")).allSatisfy(page -> assertThat(page.param("request.limit")).contains("50"));
        assertThat(context.batches().get(1).records()).hasSize(34);
        assertThat(context.commitsById()).hasSize(StudioFigures.CLASS_DESCRIPTIONS);
    }

    @Test
    void aCancelledScanResumesAtItsCheckpointWithoutFetchingAnEarlierPage() throws Exception {
        TestHost host = STUDIO.host(Map.of());
        RecordingReadContext first = host.read(host.readContext("clients", Checkpoint.empty()).cancelAfter(5));
        Checkpoint interrupted = first.lastCheckpoint();
        STUDIO.sandbox().reset();

        RecordingReadContext resumed = read("clients", interrupted, Map.of());

        assertThat(interrupted.get("offset")).contains("1000");
        assertThat(offsets("/client/clients")).first().isEqualTo("1000");
        assertThat(offsets("/client/clients")).allSatisfy(offset -> assertThat(Integer.parseInt(offset)).isGreaterThanOrEqualTo(1000));
        Set<String> ids = new HashSet<>(first.commitsById().keySet());
        ids.addAll(resumed.commitsById().keySet());
        assertThat(ids).hasSize(StudioFigures.CLIENTS);
        assertThat(first.records().size() + resumed.records().size()).isEqualTo(StudioFigures.CLIENTS);
        assertThat(resumed.lastCheckpoint().get("since")).isPresent();
    }

    @Test
    void clientsAreAskedForIncludingInactiveOnes() throws Exception {
        RecordingReadContext context = read("clients", Checkpoint.empty(), Map.of());

        assertThat(pages("/client/clients")).allSatisfy(page -> assertThat(page.param("request.includeInactive")).contains("true"));
        assertThat(context.records()).hasSize(StudioFigures.CLIENTS);
        assertThat(context.estimates()).containsExactly((long) StudioFigures.CLIENTS);
    }

    @Test
    void anIncrementalReadOfSalesReadsTheTrailingLookbackWindowAgain() throws Exception {
        RecordingReadContext full = read("sales", Checkpoint.empty(), Map.of());
        STUDIO.sandbox().reset();

        RecordingReadContext incremental = read("sales", full.lastCheckpoint(), Map.of("lookbackDays", 30));

        LoggedRequest first = pages("/sale/sales").get(0);
        assertThat(first.param("request.startSaleDateTime")).contains("2025-10-21T00:00:00");
        assertThat(first.param("request.endSaleDateTime")).contains("2025-11-14T23:59:59");
        assertThat(incremental.records()).hasSize(STUDIO.sandbox().mindbody()
                .streams(LocalDate.of(2025, 10, 21), LocalDate.of(2025, 11, 14)).get("sales").intValue());
        assertThat(full.records()).hasSize(StudioFigures.SALES);
    }

    @Test
    void aWindowWhollyBeforeTheLookbackIsDoneWithoutACall() throws Exception {
        Checkpoint scannedLongAfter = Checkpoint.of("lastScanAt", "2026-06-01T00:00:00Z");

        RecordingReadContext context = read("visits", scannedLongAfter, Map.of());

        assertThat(STUDIO.sandbox().mindbody().requests()).isEmpty();
        assertThat(context.batches()).hasSize(1);
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("lastScanAt", clock.instant().toString()));
    }

    @Test
    void withoutAnEndDateTheWindowEndsThirtyDaysAhead() throws Exception {
        read("class_schedules", Checkpoint.of("lastScanAt", "2025-11-19T00:00:00Z"), Map.of("endDate", ""));

        LoggedRequest first = pages("/class/classes").get(0);
        assertThat(first.param("request.startDateTime")).contains("2025-10-20T00:00:00");
        assertThat(first.param("request.endDateTime")).contains("2025-12-20T23:59:59");
    }

    @Test
    void visitsAndClassSchedulesReadTheSameClassesAndKeepTheirOwnParts() throws Exception {
        Map<String, Object> week = Map.of("startDate", "2025-03-03", "endDate", "2025-03-09");
        RecordingReadContext classes = read("class_schedules", Checkpoint.empty(), week);
        RecordingReadContext visits = read("visits", Checkpoint.empty(), week);

        Map<String, Long> expected = STUDIO.sandbox().mindbody().streams(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 9));
        assertThat(classes.records()).hasSize(expected.get("class_schedules").intValue())
                .allSatisfy(record -> assertThat(record.payload()).doesNotContain("\"Visits\"").contains("\"TotalBooked\""));
        assertThat(visits.records()).hasSize(expected.get("visits").intValue())
                .allSatisfy(record -> assertThat(record.payload()).contains("\"ClassId\"").contains("\"ClientUniqueId\""));
        assertThat(visits.records()).allSatisfy(record -> assertThat(record.sourceUpdatedAt()).isNotNull());
    }
}
