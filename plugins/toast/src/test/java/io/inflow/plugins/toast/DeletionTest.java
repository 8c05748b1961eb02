package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.testkit.RecordingReadContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders Toast marks deleted are deletions of the read that meets them; voided orders stay records. */
class DeletionTest {

    private final ToastSandbox toast = ToastSandbox.at("2025-05-01T00:00:00Z");
    private final ConnectorConfig config = toast.config("2025-03-01");

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void voidedOrdersStayRecordsAndOrdersDeletedInToastAreTheDeletionsOfTheNextIncrementalRead() throws Exception {
        RecordingReadContext full = toast.read(config, Checkpoint.empty());
        long voided = full.stored().values().stream()
                .filter(record -> ToastTestJson.read(record.payload()).path("voided").asBoolean()).count();
        assertThat(voided).isPositive().isEqualTo(toast.toast().figures().voided());
        assertThat(full.stored()).hasSize(Restaurant.ORDERS);
        assertThat(full.deleted()).isEmpty();
        toast.clock.advance(Duration.ofHours(1));
        List<String> deleted = toast.delete(6);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext incremental = toast.read(config, full.lastCheckpoint());

        assertThat(full.stored().keySet()).containsAll(deleted);
        assertThat(incremental.deleted()).hasSize(6).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(incremental.stored().keySet()).doesNotContainAnyElementsOf(deleted);
        assertThat(incremental.rejected()).isEmpty();
    }

    @Test
    void anOrderBroughtBackIsARecordAgainWhileTheOthersStayDeletions() throws Exception {
        RecordingReadContext full = toast.read(config, Checkpoint.empty());
        toast.clock.advance(Duration.ofHours(1));
        List<String> deleted = toast.delete(6);
        toast.clock.advance(Duration.ofMinutes(1));
        RecordingReadContext incremental = toast.read(config, full.lastCheckpoint());
        List<String> back = deleted.subList(0, 2);
        toast.toast().restore(back);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext next = toast.read(config, incremental.lastCheckpoint());

        // the deletions lie within the overlap the next read starts with, so it meets the four still deleted again
        assertThat(next.stored().keySet()).containsExactlyInAnyOrderElementsOf(back);
        assertThat(next.deleted()).containsExactlyInAnyOrderElementsOf(deleted.subList(2, 6));
    }

    @Test
    void aFullReadAfterDeletionsReportsTheDeletedOrdersItMeetsAsDeletionsOnly() throws Exception {
        List<String> deleted = toast.delete(4);
        toast.clock.advance(Duration.ofMinutes(1));

        RecordingReadContext again = toast.read(config, Checkpoint.empty());

        assertThat(again.deleted()).hasSize(4).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(again.stored()).hasSize(Restaurant.ORDERS - 4).doesNotContainKeys(deleted.toArray(String[]::new));
    }
}
