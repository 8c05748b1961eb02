package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.testkit.RecordingReadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages of a window: none, an exact multiple of the page size, a short last page, links on every page. */
class PagingTest {

    private final ToastSandbox toast = ToastSandbox.at("2026-01-01T00:00:00Z");
    private final ConnectorConfig config = toast.config("2025-04-01");
    private Checkpoint watermark;
    private int requestsBefore;

    @BeforeEach
    void importOnce() throws Exception {
        watermark = toast.read(config, Checkpoint.empty()).lastCheckpoint();
        toast.clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void withNothingModifiedAnIncrementalReadAsksForOnePageAndMovesItsWatermark() throws Exception {
        RecordingReadContext incremental = readIncrementally();

        assertThat(pagesAsked()).containsExactly(1);
        assertThat(incremental.records()).isEmpty();
        assertThat(incremental.lastCheckpoint()).isEqualTo(Checkpoint.of("modifiedSince",
                toast.clock.instant().minus(ScanPosition.OVERLAP).toString()));
    }

    @Test
    void aWindowOfExactlyTwoFullPagesEndsWithTheSecondPage() throws Exception {
        toast.toast().modify(200);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext incremental = readIncrementally();

        assertThat(pagesAsked()).containsExactly(1, 2);
        assertThat(incremental.commits()).extracting(each -> each.batch().records().size()).containsExactly(100, 100);
        assertThat(incremental.stored()).hasSize(200);
    }

    @Test
    void aShortLastPageEndsTheWindow() throws Exception {
        toast.toast().modify(150);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext incremental = readIncrementally();

        assertThat(pagesAsked()).containsExactly(1, 2);
        assertThat(incremental.commits()).extracting(each -> each.batch().records().size()).containsExactly(100, 50);
    }

    @Test
    void whenEveryPageLinksANextOneTheFirstEmptyPageEndsTheWindow() throws Exception {
        toast.toast().linkNextOnEveryPage(true);
        toast.toast().modify(200);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext incremental = readIncrementally();

        assertThat(pagesAsked()).containsExactly(1, 2, 3);
        assertThat(incremental.stored()).hasSize(200);
        assertThat(incremental.lastCheckpoint().get("until")).isEmpty();
    }

    @Test
    void everyPageIsCommittedWithTheCheckpointOfThePageAfterIt() throws Exception {
        toast.toast().modify(150);
        toast.clock.advance(Duration.ofMinutes(1));
        Instant until = toast.clock.instant();

        RecordingReadContext incremental = readIncrementally();

        Checkpoint afterFirstPage = incremental.commits().get(0).batch().checkpoint();
        assertThat(afterFirstPage.get("page")).contains("2");
        assertThat(afterFirstPage.get("until")).contains(until.toString());
        assertThat(incremental.lastCheckpoint().get("modifiedSince")).contains(until.minus(ScanPosition.OVERLAP).toString());
    }

    private RecordingReadContext readIncrementally() throws Exception {
        requestsBefore = toast.bulkRequests().size();
        return toast.read(config, watermark);
    }

    private List<Integer> pagesAsked() {
        List<LoggedRequest> requests = toast.bulkRequests();
        return requests.subList(requestsBefore, requests.size()).stream()
                .map(request -> Integer.parseInt(request.param("page").orElseThrow())).toList();
    }
}
