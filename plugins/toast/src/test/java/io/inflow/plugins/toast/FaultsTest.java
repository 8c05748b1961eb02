package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.testkit.RecordingReadContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broken orders become dead letters that can be read again; server errors cost retries, not orders. */
class FaultsTest {

    private static final String START = "2025-03-26";

    private final ToastSandbox toast = ToastSandbox.at("2025-05-01T00:00:00Z");
    private final ConnectorConfig config = toast.config(START);

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void malformedOrdersBecomeDeadLettersWithTheirGuidAndAreReadAgainOnceHealed() throws Exception {
        toast.sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 0.05));

        RecordingReadContext read = toast.read(config, Checkpoint.empty());

        toast.sandbox.faults(FaultProfile.NONE);
        Set<String> ids = new HashSet<>(read.stored().keySet());
        assertThat((long) read.rejected().size()).isEqualTo(toast.toast().faultCount(Fault.MALFORMED_RECORD)).isPositive();
        for (var committed : read.commits()) {
            for (RejectedRecord rejected : committed.batch().rejected()) {
                assertThat(rejected.externalId()).isNotNull();
                assertThat(rejected.reason()).contains(rejected.externalId()).contains("modifiedDate");
                assertThat(rejected.rawPayload()).contains(rejected.externalId());
                Optional<Record> again = toast.connector.reread("orders", rejected.externalId(),
                        toast.host(config).context());
                assertThat(again).get().extracting(Record::externalId).isEqualTo(rejected.externalId());
                ids.add(again.get().externalId());
            }
        }
        assertThat(ids).hasSize(expectedOrders());
    }

    @Test
    void serverErrorsAreRetriedAndTheReadStaysExact() throws Exception {
        toast.sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_5XX, 0.15));

        RecordingReadContext read = toast.read(config, Checkpoint.empty());

        assertThat(toast.toast().faultCount(Fault.HTTP_5XX)).isPositive();
        assertThat(read.stored()).hasSize(expectedOrders());
        assertThat(read.rejected()).isEmpty();
    }

    @Test
    void anOrderReadAgainByItsGuidIsTheOrderTheImportStored() throws Exception {
        RecordingReadContext read = toast.read(config, Checkpoint.empty());
        Record stored = read.records().get(17);

        Optional<Record> again = toast.connector.reread("orders", stored.externalId(),
                toast.host(config).context());

        assertThat(again).contains(stored);
    }

    private int expectedOrders() {
        Instant start = ToastTimes.earliestInstantOf(LocalDate.parse(START));
        return toast.toast().ordersModifiedBetween(start, toast.clock.instant());
    }
}
