package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.testkit.RecordingReadContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A read stopped mid-scan resumes at the page after its checkpoint, and the two halves make one exact import. */
class ResumeTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 20);

    private final ToastSandbox toast = ToastSandbox.at("2025-05-01T00:00:00Z");

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void aResumedReadStartsAtItsCheckpointsPageAndAsksForNoPageTwice() throws Exception {
        ConnectorConfig config = toast.config(START.toString());
        RecordingReadContext first = toast.context(config, Checkpoint.empty()).cancelAfter(7);
        toast.connector.read("orders", Checkpoint.empty(), first);
        Checkpoint stoppedAt = first.lastCheckpoint();
        int asked = toast.bulkRequests().size();
        toast.clock.advance(Duration.ofHours(2));

        RecordingReadContext resumed = toast.read(config, stoppedAt);

        LoggedRequest firstOfResume = toast.bulkRequests().get(asked);
        assertThat(stoppedAt.get("until")).as("stopped mid-scan").isPresent();
        assertThat(firstOfResume.param("page")).isEqualTo(stoppedAt.get("page"));
        assertThat(ToastTimes.parse(firstOfResume.param("startDate").orElseThrow()))
                .contains(Instant.parse(stoppedAt.get("modifiedSince").orElseThrow()));
        assertThat(resumed.lastCheckpoint()).as("the resumed scan ends where the first one would have")
                .isEqualTo(Checkpoint.of("modifiedSince", stoppedAt.get("until").map(java.time.Instant::parse)
                        .orElseThrow().minus(ScanPosition.OVERLAP).toString()));
        assertThat(noPageAskedTwice()).isTrue();
        Set<String> read = new HashSet<>(first.stored().keySet());
        read.addAll(resumed.stored().keySet());
        int expected = toast.toast().ordersModifiedBetween(ToastTimes.earliestInstantOf(START),
                Instant.parse(stoppedAt.get("until").orElseThrow()));
        assertThat(read).hasSize(expected);
        assertThat(first.records().size() + resumed.records().size()).isEqualTo(expected);
    }

    private boolean noPageAskedTwice() {
        List<String> pages = toast.bulkRequests().stream()
                .map(request -> request.param("startDate").orElseThrow() + "|" + request.param("endDate").orElseThrow()
                        + "|" + request.param("page").orElseThrow())
                .toList();
        return new HashSet<>(pages).size() == pages.size();
    }
}
