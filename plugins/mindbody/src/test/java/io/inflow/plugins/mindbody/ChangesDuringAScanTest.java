package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offset paging while the front desk keeps working: clients change, enter an incremental scan's filter behind
 * the page being read, or are merged away, and still no client is skipped or committed twice.
 */
class ChangesDuringAScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TestClock clock = TestClock.at("2025-12-01T09:00:00Z");
    private static Sandbox sandbox;
    private ConnectorConfig config;
    private MindbodyConnector connector;
    /** Every client in the order Mindbody lists them, as a first full read saw them. */
    private List<Record> listed;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** The tests change clients; each starts from the list as it then stands. */
    @BeforeEach
    void readEveryClientOnce() throws Exception {
        config = MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD, Map.of());
        connector = new MindbodyConnector();
        listed = read(context(Checkpoint.empty())).records();
    }

    /** A read of the clients from {@code start}, on a host of its own on the sandbox's clock. */
    private RecordingReadContext context(Checkpoint start) {
        return new TestHost(connector, config, clock).readContext("clients", start);
    }

    private RecordingReadContext read(RecordingReadContext context) throws Exception {
        connector.read(context.stream(), context.start(), context);
        return context;
    }

    private long uniqueId(int position) {
        return Long.parseLong(listed.get(position).externalId());
    }

    private static JsonNode json(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientChangedAheadOfThePageIsReadChangedAndOneBehindComesWithTheNextIncrementalRead() throws Exception {
        long behind = uniqueId(150);
        long ahead = uniqueId(5_000);
        RecordingReadContext full = context(Checkpoint.empty()).afterCommit(10,
                () -> sandbox.mindbody().modifyClients(List.of(behind, ahead)));

        read(full);
        RecordingReadContext incremental = read(context(full.lastCheckpoint()));

        assertThat(full.commitsById()).hasSize(listed.size())
                .allSatisfy((id, commits) -> assertThat(commits).isOne());
        Map<String, Record> read = full.records().stream().collect(Collectors.toMap(Record::externalId, r -> r));
        Instant changedAt = read.get(Long.toString(ahead)).sourceUpdatedAt();
        assertThat(changedAt).isAfter(listed.get(5_000).sourceUpdatedAt());
        assertThat(read.get(Long.toString(behind)).payload()).isEqualTo(listed.get(150).payload());
        assertThat(incremental.commitsById()).containsKeys(Long.toString(behind), Long.toString(ahead));
        Record behindNow = incremental.records().stream().filter(r -> r.externalId().equals(Long.toString(behind)))
                .findFirst().orElseThrow();
        assertThat(behindNow.sourceUpdatedAt()).isEqualTo(changedAt);
        assertThat(json(behindNow.payload()).get("MobilePhone")).isNotEqualTo(json(listed.get(150).payload()).get("MobilePhone"));
    }

    @Test
    void aClientEnteringAnIncrementalScanBehindThePageIsNeitherCommittedTwiceNorPushesAnotherOut() throws Exception {
        Instant since = Instant.parse("2025-06-01T00:00:00Z");
        Set<String> matching = listed.stream().filter(r -> !r.sourceUpdatedAt().isBefore(since))
                .map(Record::externalId).collect(Collectors.toSet());
        // a client not modified since, listed before the third page of the scan
        List<Record> before = new ArrayList<>();
        for (Record record : listed) {
            if (matching.contains(record.externalId())) {
                before.add(record);
            }
            if (before.size() == 40) {
                break;
            }
        }
        long entering = listed.stream().filter(r -> !matching.contains(r.externalId()))
                .mapToLong(r -> Long.parseLong(r.externalId()))
                .filter(id -> id < Long.parseLong(before.get(39).externalId())).findFirst().orElseThrow();
        config = MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD, Map.of("pageSize", 20));
        RecordingReadContext incremental = context(Checkpoint.of("since", since.toString())).afterCommit(2,
                () -> sandbox.mindbody().modifyClients(List.of(entering)));

        read(incremental);

        assertThat(matching).hasSizeGreaterThan(100);
        assertThat(incremental.commitsById()).allSatisfy((id, commits) -> assertThat(commits).isOne());
        assertThat(incremental.commitsById().keySet()).containsAll(matching);
        assertThat(incremental.commitsById().keySet()).doesNotContain(Long.toString(entering));
        assertThat(Instant.parse(incremental.lastCheckpoint().get("since").orElseThrow())).isBefore(clock.instant());
    }

    @Test
    void clientsMergedAwayBehindThePageDoNotMakeTheScanSkipTheClientsAfterThem() throws Exception {
        List<Long> merged = List.of(uniqueId(10), uniqueId(20), uniqueId(30));
        RecordingReadContext full = context(Checkpoint.empty()).afterCommit(3, () -> sandbox.mindbody().mergeClients(merged));

        read(full);

        Set<String> expected = listed.stream().map(Record::externalId).collect(Collectors.toSet());
        assertThat(full.commitsById().keySet()).isEqualTo(expected);
        assertThat(full.commitsById()).allSatisfy((id, commits) -> assertThat(commits).isOne());
        assertThat(sandbox.mindbody().streams().get("clients")).isEqualTo(listed.size() - 3L);
    }

    @Test
    void clientsMergedAwayBehindTheLastPageDoNotMakeTheScanEndBeforeTheClientsItHolds() throws Exception {
        int pageSize = 200;
        int pages = (listed.size() + pageSize - 1) / pageSize;
        int onTheLastPage = listed.size() - (pages - 1) * pageSize;
        // as many clients leave the list, behind the page, as the last page holds: that page now starts past the end
        List<Long> merged = listed.subList(0, onTheLastPage).stream().map(r -> Long.parseLong(r.externalId())).toList();
        RecordingReadContext full = context(Checkpoint.empty()).afterCommit(pages - 1, () -> sandbox.mindbody().mergeClients(merged));

        read(full);

        assertThat(onTheLastPage).isBetween(1, pageSize);
        Set<String> expected = listed.stream().map(Record::externalId).collect(Collectors.toSet());
        assertThat(full.commitsById().keySet()).isEqualTo(expected);
        assertThat(full.commitsById()).allSatisfy((id, commits) -> assertThat(commits).isOne());
        assertThat(full.logLines()).anyMatch(line -> line.startsWith("clients shrank by " + onTheLastPage));
    }
}
