package io.inflow.sandbox.airtable;

import io.inflow.sandbox.Deletion;
import io.inflow.sandbox.DeletionRequests;
import io.inflow.sandbox.Restoration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Deletes records of a table as someone cleaning up a base would, and brings them back as from Airtable's trash.
 * Each delete picks distinct records among those not deleted, from the seed and the number of earlier deletes, so
 * a replayed session deletes the same ones. A deleted record leaves every listing and its GET is a 404; a restored
 * one comes back with its id, cells and times unchanged.
 */
final class RecordDeleter {

    /** Keeps the deletes' random streams apart from the modifications'. */
    private static final long KIND = 0x44656C657465L;

    private final long seed;
    private final AirtableTable table;
    private long calls;

    RecordDeleter(long seed, AirtableTable table) {
        this.seed = seed;
        this.table = table;
    }

    synchronized Deletion delete(int count) {
        return table.write(() -> {
            int[] live = table.liveRecords();
            DeletionRequests.checkCount(count, live.length);
            calls++;
            int[] picks = DeletionRequests.distinct(count, live.length, DeletionRequests.random(seed, KIND, calls));
            int[] records = new int[count];
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records[i] = live[picks[i]];
                ids.add(table.recordId(records[i]));
            }
            table.delete(records);
            return new Deletion(count, ids);
        });
    }

    /** All or nothing: every id must name a deleted record of this table. */
    synchronized Restoration restore(List<String> ids) {
        return table.write(() -> {
            int[] records = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                OptionalInt record = table.indexOf(id);
                if (record.isEmpty()) {
                    throw DeletionRequests.unknownId(id);
                }
                if (!table.deleted(record.getAsInt())) {
                    throw DeletionRequests.notDeleted(id);
                }
                records[i] = record.getAsInt();
            }
            table.restore(records);
            return new Restoration(ids.size(), ids);
        });
    }

    /** Brings every deleted record back. */
    synchronized Restoration restoreAll() {
        return table.write(() -> {
            int[] records = table.deletedRecords();
            List<String> ids = new ArrayList<>(records.length);
            for (int record : records) {
                ids.add(table.recordId(record));
            }
            table.restore(records);
            return new Restoration(records.length, ids);
        });
    }
}
