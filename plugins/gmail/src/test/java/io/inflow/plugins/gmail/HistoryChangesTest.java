package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A history page folded into the messages to read again, those deleted and those moved to Spam or Trash. */
class HistoryChangesTest {

    @Test
    void aDeletionTheHistoryRepeatsIsReportedOnce() throws Exception {
        HistoryChanges changes = HistoryChanges.of(history("""
                [{"id":"11","messagesDeleted":[{"message":{"id":"m1","threadId":"t1"}}]},
                 {"id":"12","messagesDeleted":[{"message":{"id":"m2","threadId":"t2"}},{"message":{"id":"m1","threadId":"t1"}}]},
                 {"id":"13","messagesDeleted":[{"message":{"id":"m1","threadId":"t1"}}]}]"""));

        assertThat(changes.deleted()).containsExactly("m1", "m2");
        assertThat(changes.changed()).isEmpty();
    }

    @Test
    void aMessageAddedRelabelledAndDeletedInOnePageIsOnlyDeleted() throws Exception {
        HistoryChanges changes = HistoryChanges.of(history("""
                [{"id":"21","messagesAdded":[{"message":{"id":"m1","threadId":"t1","labelIds":["INBOX"]}}]},
                 {"id":"22","messagesAdded":[{"message":{"id":"m2","threadId":"t2","labelIds":["INBOX"]}}]},
                 {"id":"23","labelsAdded":[{"message":{"id":"m1","threadId":"t1"},"labelIds":["TRASH"]}]},
                 {"id":"24","messagesDeleted":[{"message":{"id":"m1","threadId":"t1"}}]}]"""));

        assertThat(changes.changed()).containsExactly("m2");
        assertThat(changes.deleted()).containsExactly("m1");
        assertThat(changes.movedToSpamOrTrash()).isEmpty();
    }

    @Test
    void aMessageIsInSpamOrTrashWhenThePageAddsEitherLabelAndDoesNotTakeItOffAfter() throws Exception {
        HistoryChanges changes = HistoryChanges.of(history("""
                [{"id":"31","labelsAdded":[{"message":{"id":"trashed"},"labelIds":["TRASH"]},
                                           {"message":{"id":"untrashed"},"labelIds":["TRASH"]},
                                           {"message":{"id":"starred"},"labelIds":["STARRED"]},
                                           {"message":{"id":"spam"},"labelIds":["SPAM","UNREAD"]}]},
                 {"id":"32","labelsRemoved":[{"message":{"id":"untrashed"},"labelIds":["TRASH"]}]},
                 {"id":"33","labelsAdded":[{"message":{"id":"spam"},"labelIds":["TRASH"]}],
                            "labelsRemoved":[{"message":{"id":"spam"},"labelIds":["SPAM"]}]},
                 {"id":"34","labelsRemoved":[{"message":{"id":"trashed"},"labelIds":["UNREAD"]}]}]"""));

        assertThat(changes.movedToSpamOrTrash()).containsExactlyInAnyOrder("trashed", "spam");
        assertThat(changes.changed()).containsExactly("trashed", "untrashed", "starred", "spam");
        assertThat(changes.deleted()).isEmpty();
    }

    @Test
    void aPageWithoutHistoryChangesNothing() throws Exception {
        HistoryChanges changes = HistoryChanges.of(new ObjectMapper().missingNode());

        assertThat(changes.changed()).isEmpty();
        assertThat(changes.deleted()).isEmpty();
        assertThat(changes.movedToSpamOrTrash()).isEmpty();
    }

    private static JsonNode history(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
