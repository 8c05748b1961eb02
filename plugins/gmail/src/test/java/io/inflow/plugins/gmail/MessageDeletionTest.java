package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestHost;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages deleted in Gmail reach the batches of the next incremental read as deletions, each once. */
class MessageDeletionTest {

    private static final Map<String, Object> FAST = Map.of("requestsPerSecond", 5_000);

    private Sandbox sandbox;
    private ConnectorConfig config;
    private TestHost host;

    @BeforeEach
    void importTheMailbox() throws Exception {
        sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(300).withGmailUnitsPerSecond(0));
        config = GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, FAST);
        host = new TestHost(new GmailConnector(), config);
        host.read("messages", Checkpoint.empty());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void messagesDeletedInGmailAreTheDeletionsOfTheNextIncrementalReadAndNothingIsFetched() throws Exception {
        List<String> deleted = sandbox.gmail().delete(7).ids();
        int before = sandbox.gmail().requests().size();

        RecordingReadContext read = incremental();

        assertThat(deletions(read)).hasSize(7).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(records(read)).isEmpty();
        assertThat(since(before)).extracting(LoggedRequest::path).noneMatch(path -> path.contains("/messages/"));
        assertThat(since(before)).filteredOn(request -> request.path().endsWith("/history"))
                .allSatisfy(request -> assertThat(request.query().get("historyTypes")).asList().contains("messageDeleted"));
    }

    @Test
    void aMessageTheHistoryNamesThatGmailNoLongerFindsIsReportedDeletedOnceAndTheReadGoesOn() throws Exception {
        int messages = sandbox.gmail().messageCount();
        List<String> relabelled = sandbox.gmail().modify(messages).ids();
        List<String> deleted = sandbox.gmail().delete(5).ids();
        int before = sandbox.gmail().requests().size();

        RecordingReadContext read = incremental();

        // every message was relabelled on the history's first three pages, so each deleted one is fetched there
        // (and found gone) before its messagesDeleted on the fourth page repeats the news
        assertThat(read.batches()).hasSize(4);
        assertThat(since(before)).filteredOn(request -> request.path().contains("/messages/") && request.status() == 404)
                .hasSize(5);
        assertThat(deletions(read)).hasSize(5).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(read.batches().get(3).deleted()).isEmpty();
        Set<String> stored = records(read).stream().map(Record::externalId).collect(Collectors.toSet());
        assertThat(stored).hasSize(messages - 5).doesNotContainAnyElementsOf(deleted);
        assertThat(relabelled).containsAll(deleted);
    }

    @Test
    void aMessageBroughtBackIsReadAgainAndNoLongerReportedDeleted() throws Exception {
        List<String> deleted = sandbox.gmail().delete(4).ids();
        RecordingReadContext first = incremental();
        host.read("messages", host.checkpoint("messages"));
        List<String> back = deleted.subList(0, 2);
        sandbox.gmail().restore(back);

        RecordingReadContext second = incremental();

        assertThat(deletions(first)).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(deletions(second)).isEmpty();
        assertThat(records(second)).extracting(Record::externalId).containsExactlyInAnyOrderElementsOf(back);
    }

    private RecordingReadContext incremental() throws Exception {
        return host.read(host.readContext("messages", host.checkpoint("messages")));
    }

    /** Every deletion the read reported, repeats kept. */
    private static List<String> deletions(RecordingReadContext read) {
        return read.deleted();
    }

    private static List<Record> records(RecordingReadContext read) {
        return read.records();
    }

    private List<LoggedRequest> since(int index) {
        List<LoggedRequest> all = sandbox.gmail().requests();
        return all.subList(index, all.size());
    }
}
