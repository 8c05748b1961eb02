package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages moved to Spam or Trash count as deleted when the connection leaves those out; a message taken out of
 * Trash is read again. The sandbox cannot move a message to Trash, so a stub mailbox serves this history:
 * one message trashed, one marked spam, one trashed and taken out again, one starred, one added and gone since.
 */
class SpamAndTrashTest {

    private StubGmail gmail;

    @BeforeEach
    void mailbox() throws Exception {
        gmail = new StubGmail()
                .message("m-trashed", "TRASH")
                .message("m-spam", "SPAM", "UNREAD")
                .message("m-back", "INBOX")
                .message("m-starred", "INBOX", "STARRED")
                .change("labelsAdded", "m-trashed", "TRASH")
                .change("labelsAdded", "m-spam", "SPAM")
                .change("labelsAdded", "m-back", "TRASH")
                .change("labelsRemoved", "m-back", "TRASH")
                .change("labelsAdded", "m-starred", "STARRED")
                .change("messagesAdded", "m-gone", "INBOX");
    }

    @AfterEach
    void stop() {
        gmail.close();
    }

    @Test
    void aMessageInSpamOrTrashIsDeletedAndOneTakenOutOfTrashIsReadAgain() throws Exception {
        Batch batch = readHistory(Map.of());

        assertThat(batch.deleted()).containsExactly("m-trashed", "m-spam", "m-gone");
        assertThat(batch.records()).extracting(Record::externalId).containsExactly("m-back", "m-starred");
        assertThat(gmail.requests()).filteredOn(request -> request.contains("/messages/")).hasSize(5);
    }

    @Test
    void aConnectionThatIncludesSpamAndTrashKeepsTheirMessagesAsRecords() throws Exception {
        Batch batch = readHistory(Map.of("includeSpamTrash", true));

        assertThat(batch.deleted()).containsExactly("m-gone");
        assertThat(batch.records()).extracting(Record::externalId)
                .containsExactly("m-trashed", "m-spam", "m-back", "m-starred");
    }

    @Test
    void aConnectionThatAsksForTrashByLabelKeepsItsMessages() throws Exception {
        Batch batch = readHistory(Map.of("labelIds", List.of("TRASH")));

        assertThat(batch.deleted()).containsExactly("m-gone");
        assertThat(batch.records()).extracting(Record::externalId).containsExactly("m-trashed");
    }

    @Test
    void withAQueryAMessageMovedToSpamOrTrashIsDeletedWithoutBeingFetched() throws Exception {
        Batch batch = readHistory(Map.of("query", "label:clients"));

        // m-gone is not among the query's messages either, so it is neither fetched nor reported: added and gone
        // in the history this read covers, it was never stored
        assertThat(batch.deleted()).containsExactly("m-trashed", "m-spam");
        assertThat(batch.records()).extracting(Record::externalId).containsExactly("m-back", "m-starred");
        assertThat(gmail.requests()).filteredOn(request -> request.contains("/messages/"))
                .containsExactly("GET /gmail/v1/users/me/messages/m-back", "GET /gmail/v1/users/me/messages/m-starred");
    }

    @Test
    void withAQueryThatIncludesSpamAndTrashGmailsAnswerDecides() throws Exception {
        Batch batch = readHistory(Map.of("query", "label:clients", "includeSpamTrash", true));

        assertThat(batch.deleted()).isEmpty();
        assertThat(batch.records()).extracting(Record::externalId)
                .containsExactly("m-trashed", "m-spam", "m-back", "m-starred");
    }

    /** An incremental read after history id 100: one history page, so one batch. */
    private Batch readHistory(Map<String, Object> extra) throws Exception {
        ConnectorConfig config = gmail.config(extra);
        TestHost host = new TestHost(new GmailConnector(), config);

        RecordingReadContext context = host.read(host.readContext("messages", Checkpoint.of("historyId", "100")));

        assertThat(context.batches()).hasSize(1);
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("historyId", "106"));
        return context.batches().get(0);
    }
}
