package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.gmail.GmailOptions;
import io.inflow.testkit.ReadResult;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Full scans of the messages stream: page boundaries, empty pages and mailboxes, cancelling and resuming. */
class MessageScanTest {

    private static final Map<String, Object> FAST = Map.of("requestsPerSecond", 5_000);
    private static Sandbox twoPages;

    @BeforeAll
    static void startSandbox() {
        twoPages = Sandbox.start(GmailSandbox.options().withGmailMessages(200).withGmailUnitsPerSecond(0));
    }

    @AfterAll
    static void stopSandbox() {
        twoPages.close();
    }

    private static ConnectorConfig config(Sandbox sandbox) {
        return GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, FAST);
    }

    @Test
    void aMailboxOfExactlyTwoPagesIsListedInTwoCallsAndCommittedInTwoBatches() throws Exception {
        TestHost host = new TestHost(new GmailConnector(), config(twoPages));
        int before = twoPages.gmail().requests().size();

        ReadResult result = host.read("messages", Checkpoint.empty());

        assertThat(result.inserted()).isEqualTo(200);
        assertThat(result.batches()).isEqualTo(2);
        assertThat(since(twoPages, before, "/messages")).hasSize(2);
        assertThat(host.watermark("messages").values()).containsOnlyKeys("historyId");
    }

    @Test
    void aCancelledScanResumesAtItsPageTokenWithoutListingEarlierPagesAgain() throws Exception {
        TestHost host = new TestHost(new GmailConnector(), config(twoPages));
        RecordingReadContext first = host.read(host.readContext("messages", Checkpoint.empty()).cancelAfter(1));
        Checkpoint midScan = first.lastCheckpoint();
        int before = twoPages.gmail().requests().size();

        RecordingReadContext resumed = host.read(host.readContext("messages", midScan));

        assertThat(first.batches()).hasSize(1);
        assertThat(midScan.values()).containsOnlyKeys("historyId", "pageToken");
        assertThat(since(twoPages, before, "/messages")).hasSize(1)
                .allSatisfy(list -> assertThat(list.query()).containsKey("pageToken"));
        assertThat(since(twoPages, before, "/profile")).isEmpty();
        List<String> ids = new ArrayList<>();
        first.batches().forEach(batch -> batch.records().forEach(record -> ids.add(record.externalId())));
        resumed.batches().forEach(batch -> batch.records().forEach(record -> ids.add(record.externalId())));
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(resumed.lastCheckpoint()).isEqualTo(Checkpoint.of("historyId", midScan.get("historyId").orElseThrow()));
    }

    @Test
    void aCheckpointWhosePageTokenGmailRefusesListsAgainFromTheFirstPage() throws Exception {
        TestHost host = new TestHost(new GmailConnector(), config(twoPages));
        Checkpoint stale = Checkpoint.of("historyId", Long.toString(twoPages.gmail().historyId())).with("pageToken", "1234567890");

        ReadResult result = host.read("messages", stale);

        assertThat(result.inserted()).isEqualTo(200);
        assertThat(host.watermark("messages").values()).containsOnlyKeys("historyId");
    }

    @Test
    void messagesAreStoredInGmailsMetadataFormatAndReadAgainByIdAlike() throws Exception {
        GmailConnector connector = new GmailConnector();
        TestHost host = new TestHost(connector, config(twoPages));
        host.read("messages", Checkpoint.empty());
        Map.Entry<String, String> stored = host.store().stream("messages").entrySet().iterator().next();

        JsonNode message = new ObjectMapper().readTree(stored.getValue());
        Record again = connector.reread("messages", stored.getKey(), host.context()).orElseThrow();

        assertThat(message.fieldNames()).toIterable().containsExactly("id", "threadId", "labelIds", "snippet", "payload",
                "sizeEstimate", "historyId", "internalDate");
        List<String> headers = new ArrayList<>();
        message.path("payload").path("headers").forEach(header -> headers.add(header.path("name").asText()));
        assertThat(headers).containsExactlyInAnyOrder("From", "To", "Subject", "Date");
        assertThat(again.payload()).isEqualTo(stored.getValue());
    }

    @Test
    void aTrailingEmptyPageEndsTheScanWithTheCompletedCheckpoint() throws Exception {
        try (Sandbox sandbox = Sandbox.start(GmailSandbox.options().withGmail(GmailOptions.defaults().withMessages(200)
                .withUnitsPerSecond(0).withEmptyLastPage(true)))) {
            TestHost host = new TestHost(new GmailConnector(), config(sandbox));

            ReadResult result = host.read("messages", Checkpoint.empty());

            assertThat(result.inserted()).isEqualTo(200);
            assertThat(result.batches()).isEqualTo(3);
            assertThat(GmailSandbox.calls(sandbox, "/messages")).hasSize(3);
            assertThat(host.watermark("messages").values()).containsOnlyKeys("historyId");
        }
    }

    @Test
    void anEmptyMailboxImportsItsLabelsAndNoMessagesAndItsHistoryStaysEmpty() throws Exception {
        try (Sandbox sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(0))) {
            TestHost host = new TestHost(new GmailConnector(), config(sandbox));

            ReadResult full = host.fullImport();
            ReadResult incremental = host.incrementalImport();

            assertThat(full.inserted()).isEqualTo(22);
            assertThat(host.store().count("messages")).isZero();
            assertThat(host.store().count("labels")).isEqualTo(22);
            assertThat(host.watermark("messages").get("historyId")).isPresent();
            assertThat(incremental.inserted() + incremental.updated()).isZero();
            assertThat(incremental.unchanged()).isEqualTo(22);
            assertThat(GmailSandbox.calls(sandbox, "/history")).hasSize(1);
            assertThat(sandbox.gmail().requests()).noneMatch(request -> request.path().contains("/messages/"));
        }
    }

    private static List<LoggedRequest> since(Sandbox sandbox, int index, String suffix) {
        List<LoggedRequest> all = sandbox.gmail().requests();
        return all.subList(index, all.size()).stream()
                .filter(request -> request.path().startsWith("/gmail/gmail/v1/") && request.path().endsWith(suffix))
                .toList();
    }

}
