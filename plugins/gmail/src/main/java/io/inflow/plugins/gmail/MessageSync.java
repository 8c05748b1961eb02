package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.ReadContext;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the messages stream: a full scan or the history since the last read, committing every page with the
 * position after it.
 *
 * <p>A full scan first takes the mailbox's history id, then lists the ids in scope page by page (100 a page,
 * newest first) and gets each message in the metadata format, one call at a time: the host's client is
 * blocking and plugins own no threads, so the declared rate limit (Gmail's 250 quota units per second divided
 * by the 5 units of a get) paces the gets. The last page's checkpoint keeps the history id taken at the start,
 * so whatever changed while the scan ran is read again by the next incremental read.
 *
 * <p>An incremental read lists the history after that id (messages added, labels added or removed, messages
 * deleted) and gets each message it names again, in the same format as a full scan, so an unchanged message stays
 * unchanged. When Gmail no longer has the history (404: the id is older than a week or so), the read falls back
 * to a full scan.
 *
 * <p>A page's batch reports deleted ({@link Batch#deleted()}): the messages its history deletes; the messages it
 * names that Gmail no longer finds (404, deleted since); and, when the connection leaves Spam and Trash out, the
 * messages now in Spam or Trash. A message that leaves Spam or Trash is named by the history again, read again and
 * so restored. A read reports each deletion once, however often the history repeats it.
 */
final class MessageSync {

    private static final System.Logger.Level INFO = System.Logger.Level.INFO;
    private static final System.Logger.Level WARNING = System.Logger.Level.WARNING;

    private final GmailApi api;
    private final Scope scope;
    private final ReadContext context;
    /** The messages this read reported deleted and has not stored since: it reports them once. */
    private final Set<String> reportedDeleted = new HashSet<>();

    MessageSync(GmailApi api, Scope scope, ReadContext context) {
        this.api = api;
        this.scope = scope;
        this.context = context;
    }

    void run(SyncPosition position) throws IOException, InterruptedException {
        if (position.incremental()) {
            readHistory(position);
        } else {
            fullScan(position);
        }
    }

    private void fullScan(SyncPosition start) throws IOException, InterruptedException {
        SyncPosition position = start;
        if (position.historyId() == null) {
            if (context.isCancelled()) {
                return;
            }
            String historyId = historyIdOf(api.profile());
            position = SyncPosition.completed(historyId);
            context.log().log(INFO, "full scan of the mailbox from history id {0}", historyId);
        } else {
            context.log().log(INFO, "resuming the full scan of the mailbox at a page token");
        }
        boolean restarted = false;
        while (!context.isCancelled()) {
            GmailApi.Listing listing = api.listMessages(scope, position.pageToken(), GmailApi.PAGE_SIZE);
            if (listing instanceof GmailApi.InvalidPageToken invalid) {
                if (restarted) {
                    throw new IOException("Gmail keeps refusing the page token of the full scan: " + invalid.message());
                }
                restarted = true;
                context.log().log(WARNING, "Gmail no longer accepts the scan's page token ({0}); listing again from "
                        + "the first page", invalid.message());
                position = SyncPosition.completed(position.historyId());
                continue;
            }
            GmailApi.Page page = (GmailApi.Page) listing;
            if (position.pageToken() == null) {
                context.estimateTotal(page.resultSizeEstimate());
            }
            Optional<Fetched> fetched = fetch(page.ids(), null, Set.of());
            if (fetched.isEmpty()) {
                return;
            }
            String historyId = position.historyId();
            position = page.nextPageToken().map(token -> SyncPosition.scanning(historyId, token))
                    .orElse(SyncPosition.completed(historyId));
            context.commit(batch(fetched.get(), List.of(), position));
            if (page.nextPageToken().isEmpty()) {
                return;
            }
        }
    }

    private void readHistory(SyncPosition start) throws IOException, InterruptedException {
        SyncPosition position = start;
        context.log().log(INFO, "reading the mailbox's history after id {0}", position.historyId());
        Set<String> inScope = null;
        boolean restarted = false;
        while (!context.isCancelled()) {
            GmailApi.HistoryAnswer answer = api.history(position.historyId(), position.historyPageToken());
            if (answer instanceof GmailApi.HistoryExpired) {
                context.log().log(WARNING, "Gmail no longer keeps the history after id {0}; falling back to a full scan",
                        position.historyId());
                fullScan(SyncPosition.FRESH);
                return;
            }
            if (answer instanceof GmailApi.InvalidHistoryToken invalid) {
                if (restarted) {
                    throw new IOException("Gmail keeps refusing the page token of the history: " + invalid.message());
                }
                restarted = true;
                context.log().log(WARNING, "Gmail no longer accepts the history's page token ({0}); reading the "
                        + "history again from id {1}", invalid.message(), position.historyId());
                position = SyncPosition.completed(position.historyId());
                continue;
            }
            GmailApi.HistoryPage page = (GmailApi.HistoryPage) answer;
            HistoryChanges changes = HistoryChanges.of(page.history());
            if (scope.hasQuery() && !changes.changed().isEmpty() && inScope == null) {
                inScope = idsInScope();
                if (inScope == null) {
                    return;
                }
            }
            Optional<Fetched> fetched = fetch(changes.changed(), inScope, changes.movedToSpamOrTrash());
            if (fetched.isEmpty()) {
                return;
            }
            Optional<String> next = page.nextPageToken();
            SyncPosition current = position;
            position = next.map(current::atHistoryPage).orElse(SyncPosition.completed(page.historyId()));
            context.commit(batch(fetched.get(), changes.deleted(), position));
            if (next.isEmpty()) {
                return;
            }
        }
    }

    /**
     * The ids Gmail lists for the configured query, which only Gmail can evaluate: an incremental read imports a
     * changed message only when it is among them. Ids only, 500 a page; null when the read was cancelled.
     */
    private Set<String> idsInScope() throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        String token = null;
        do {
            if (context.isCancelled()) {
                return null;
            }
            GmailApi.Listing listing = api.listMessages(scope, token, GmailApi.ID_PAGE_SIZE);
            if (listing instanceof GmailApi.InvalidPageToken invalid) {
                throw new IOException("Gmail refused its own page token while listing the query's ids: " + invalid.message());
            }
            GmailApi.Page page = (GmailApi.Page) listing;
            ids.addAll(page.ids());
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        return ids;
    }

    /** A page's messages as read: stored, rejected, or found deleted (gone, or in Spam or Trash when left out). */
    private record Fetched(List<Record> records, List<RejectedRecord> rejected, List<String> deleted) {
    }

    /**
     * The page's batch: its records, rejected records and deletions ({@code deletedByHistory}, then those found
     * while fetching), each deletion once a read unless the message was stored again since.
     */
    private Batch batch(Fetched fetched, List<String> deletedByHistory, SyncPosition position) {
        fetched.records().forEach(record -> reportedDeleted.remove(record.externalId()));
        List<String> deleted = new ArrayList<>();
        for (List<String> ids : List.of(deletedByHistory, fetched.deleted())) {
            for (String id : ids) {
                if (reportedDeleted.add(id)) {
                    deleted.add(id);
                }
            }
        }
        return new Batch(fetched.records(), fetched.rejected(), deleted, position.toCheckpoint());
    }

    /**
     * Gets each message and maps it. A message Gmail no longer finds (404: deleted since it was listed) is deleted,
     * and so is one in Spam or Trash when the connection leaves those out. Messages out of scope are skipped:
     * with a query, those not {@code inScope} (not fetched; deleted when {@code movedToSpamOrTrash} names them and
     * Spam and Trash are left out); without, those whose labels the scope does not admit. Empty when the read was
     * cancelled midway: the page is then read again on resume.
     */
    private Optional<Fetched> fetch(List<String> ids, Set<String> inScope, Set<String> movedToSpamOrTrash)
            throws IOException, InterruptedException {
        List<Record> records = new ArrayList<>(ids.size());
        List<RejectedRecord> rejected = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String id : ids) {
            if (inScope != null && !inScope.contains(id)) {
                if (scope.leavesOutSpamTrash() && movedToSpamOrTrash.contains(id)) {
                    deleted.add(id);
                }
                continue;
            }
            if (context.isCancelled()) {
                return Optional.empty();
            }
            Optional<JsonNode> message = api.getMessage(id);
            if (message.isEmpty()) {
                context.log().log(INFO, "message {0} was deleted since it was listed", id);
                deleted.add(id);
                continue;
            }
            RecordMapper.Mapped mapped = RecordMapper.message(message.get());
            if (mapped instanceof RecordMapper.Ok ok) {
                JsonNode labels = RecordMapper.labelIds(message.get());
                if (inScope == null && scope.discards(labels)) {
                    deleted.add(id);
                } else if (inScope != null || scope.admitsLabels(labels)) {
                    records.add(ok.record());
                }
            } else {
                rejected.add(((RecordMapper.Bad) mapped).rejected());
            }
        }
        return Optional.of(new Fetched(records, rejected, deleted));
    }

    private static String historyIdOf(JsonNode profile) throws IOException {
        JsonNode historyId = profile.path("historyId");
        if (!historyId.isTextual() || historyId.asText().isEmpty() || !historyId.asText().chars().allMatch(Character::isDigit)) {
            throw new IOException("Gmail answered a profile without a numeric historyId");
        }
        return historyId.asText();
    }
}
