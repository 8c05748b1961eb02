package io.inflow.sandbox.airtable;

import java.util.List;

/**
 * A base the fake serves, before its data exists: its ids and names, how many conversations it
 * holds, the seed they are generated from, and its key in {@code GET /_sandbox/connections}.
 */
record BaseSpec(String id, String name, String tableId, int records, long seed, String connectionKey) {

    /** Keeps the archive's data stream apart from the main base's, which the seed feeds as is. */
    private static final long ARCHIVE_STREAM = 0xA54FF53A5F1D36F1L;

    /** The main base, sized by the settings, then the archive: its own data, the same schema. */
    static List<BaseSpec> clinic(long seed, int records) {
        return List.of(
                new BaseSpec(ConversationsGenerator.BASE_ID, ConversationsGenerator.BASE_NAME, ConversationsGenerator.TABLE_ID,
                        records, seed, "airtable"),
                new BaseSpec(ConversationsGenerator.ARCHIVE_BASE_ID, ConversationsGenerator.ARCHIVE_BASE_NAME,
                        ConversationsGenerator.ARCHIVE_TABLE_ID, ConversationsGenerator.ARCHIVE_RECORDS,
                        Ids.mix(seed ^ ARCHIVE_STREAM), "airtable-archive"));
    }

    /** The connection's name in Inflow, e.g. {@code airtable-archive-sandbox}. */
    String connectionName() {
        return connectionKey + "-sandbox";
    }
}
