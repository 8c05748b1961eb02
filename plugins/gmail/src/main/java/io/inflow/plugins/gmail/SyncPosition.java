package io.inflow.plugins.gmail;

import io.inflow.api.Checkpoint;

/**
 * Where the messages stream stands, as stored in Inflow's checkpoint.
 *
 * <ul>
 *   <li>empty: nothing read yet, a full scan starts;</li>
 *   <li>{@code historyId} and {@code pageToken}: a full scan that took the mailbox's history id when it began
 *       and continues at a listing page;</li>
 *   <li>{@code historyId} and {@code historyPageToken}: an incremental read from {@code historyId}, continuing at
 *       a history page;</li>
 *   <li>{@code historyId} alone: a completed read; the next one reads the history after it.</li>
 * </ul>
 *
 * @param historyId the history id the next incremental read starts after (a full scan's is taken before its first
 *                  page, so changes made while it runs are read again next time), or null before any read
 * @param pageToken Gmail's token for the next listing page of a full scan, or null
 * @param historyPageToken Gmail's token for the next history page of an incremental read, or null
 */
record SyncPosition(String historyId, String pageToken, String historyPageToken) {

    private static final String HISTORY_ID = "historyId";
    private static final String PAGE_TOKEN = "pageToken";
    private static final String HISTORY_PAGE_TOKEN = "historyPageToken";

    static final SyncPosition FRESH = new SyncPosition(null, null, null);

    static SyncPosition from(Checkpoint checkpoint) {
        return new SyncPosition(checkpoint.get(HISTORY_ID).orElse(null), checkpoint.get(PAGE_TOKEN).orElse(null),
                checkpoint.get(HISTORY_PAGE_TOKEN).orElse(null));
    }

    Checkpoint toCheckpoint() {
        return Checkpoint.empty()
                .with(HISTORY_ID, historyId)
                .with(PAGE_TOKEN, pageToken)
                .with(HISTORY_PAGE_TOKEN, historyPageToken);
    }

    /** Whether this continues a history read (or starts one): a completed read or one cut short in its history. */
    boolean incremental() {
        return historyId != null && pageToken == null;
    }

    static SyncPosition scanning(String historyId, String pageToken) {
        return new SyncPosition(historyId, pageToken, null);
    }

    static SyncPosition completed(String historyId) {
        return new SyncPosition(historyId, null, null);
    }

    SyncPosition atHistoryPage(String token) {
        return new SyncPosition(historyId, null, token);
    }
}
