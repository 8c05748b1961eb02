package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full scan whose page token Airtable forgets part-way must still read every record of the table: Inflow marks
 * deleted whatever a completed full scan did not see, so a record a restarted scan skipped would be deleted.
 */
class RestartedScanTest {

    private static final int RECORDS = 2_000;
    private static final String TABLE = "Conversations";

    /**
     * The sandbox's iterators expire by this clock. Its answers' {@code Date} header (the scan's start, by Airtable's
     * clock) comes from the JDK's HTTP server, in real time: a test sets this clock to real time before it changes
     * records, so their modification times are after the scan's start, as they would be at Airtable.
     */
    private final TestClock clock = new TestClock(Instant.now());
    private Sandbox sandbox;
    private ConnectorConfig config;
    private AirtableConnector connector;

    @BeforeEach
    void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(RECORDS)
                .withAirtableRequestsPerSecond(500).withAirtableRequestsPerSecondPerToken(1_000));
        config = ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/airtable", "apiToken", "sandbox-token",
                "baseId", "appClinicConversations", "tables", List.of(TABLE), "modifiedField", "Last Modified",
                "requestsPerSecond", 400));
        connector = new AirtableConnector();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    /** A read of the table from {@code start}, on a host of its own. */
    private RecordingReadContext context(Checkpoint start) {
        return new TestHost(connector, config, clock).readContext(TABLE, start);
    }

    private RecordingReadContext read(RecordingReadContext context) throws Exception {
        connector.read(TABLE, context.start(), context);
        return context;
    }

    @Test
    void aFullScanWhosePageTokenExpiresAfterAPageShowedARecordChangedMidScanStillReadsEveryRecord() throws Exception {
        Modification[] changed = new Modification[1];
        RecordingReadContext full = context(Checkpoint.empty())
                // records not read yet change: some of them lie on the fourth page, showing their new time
                .afterCommit(3, () -> {
                    clock.set(Instant.now());
                    changed[0] = sandbox.airtable().modify(300);
                })
                // Airtable forgets the scan's page token while Inflow is away
                .afterCommit(4, () -> clock.advance(Duration.ofMinutes(6)));

        read(full);

        Set<String> fourthPage = ids(full.batches().get(3).records());
        assertThat(fourthPage).as("the fourth page shows records changed during the scan")
                .containsAnyElementsOf(changed[0].ids());
        assertThat(full.logLines()).filteredOn(line -> line.startsWith("page token expired")).hasSize(1);
        assertThat(full.commitsById()).hasSize(RECORDS);
        assertThat(full.lastCheckpoint().get("offset")).isEmpty();
    }

    @Test
    void aScanResumedWithAPageTokenAirtableRejectsReadsEveryRecordFromWhereItCanRestart() throws Exception {
        List<Record> listed = read(context(Checkpoint.empty())).records();
        Instant restartFrom = listed.get(1_234).sourceUpdatedAt();
        long notBefore = listed.stream().filter(record -> !record.sourceUpdatedAt().isBefore(restartFrom)).count();
        Checkpoint interrupted = Checkpoint.empty().with("offset", "no-such-token")
                .with("maxModified", restartFrom.toString()).with("restartFrom", restartFrom.toString())
                .with("scanStartedAt", clock.instant().toString());

        RecordingReadContext resumed = read(context(interrupted));

        assertThat(notBefore).isEqualTo(766);
        assertThat(resumed.commitsById().keySet())
                .isEqualTo(ids(listed.subList(RECORDS - (int) notBefore, RECORDS)));
        assertThat(resumed.logLines()).anyMatch(line -> line.contains("INVALID_OFFSET_VALUE"));
    }

    @Test
    void aScanResumedWithAnExpiredTokenOfAnEarlierVersionReadsTheWholeTableAgain() throws Exception {
        // a checkpoint written before restartFrom was kept: its maxModified may be a record changed mid-scan
        Checkpoint interrupted = Checkpoint.empty().with("offset", "itrExpired0000000/rec00000000000000")
                .with("maxModified", clock.instant().toString())
                .with("scanStartedAt", clock.instant().minusSeconds(60).toString());

        RecordingReadContext resumed = read(context(interrupted));

        assertThat(resumed.commitsById()).hasSize(RECORDS);
        assertThat(resumed.logLines()).anyMatch(line -> line.startsWith("page token expired"));
    }

    private static Set<String> ids(List<Record> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(record.externalId()));
        return ids;
    }
}
