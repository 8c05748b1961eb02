package io.inflow.sandbox.airtable;

import io.inflow.sandbox.airtable.formula.Formula;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the records a scan will return and fixes their order, once, at the scan's first request.
 * Without a sort they come in creation order; with one, ties fall back to the record id, so the
 * order is total and the same on every run.
 */
final class RecordSelection {

    private RecordSelection() {}

    /** Deleted records never match. Call under the table's read lock. */
    static int[] select(AirtableTable table, Formula filter, List<SortKey> sort, int limit) {
        int[] matching = new int[table.size()];
        int count = 0;
        for (int record = 0; record < table.size(); record++) {
            if (!table.deleted(record) && (filter == null || filter.matches(record))) {
                matching[count++] = record;
            }
        }
        int[] selected = Arrays.copyOf(matching, count);
        if (!sort.isEmpty()) {
            selected = sorted(table, selected, sort);
        }
        return selected.length > limit ? Arrays.copyOf(selected, limit) : selected;
    }

    private static int[] sorted(AirtableTable table, int[] records, List<SortKey> sort) {
        Comparator<Integer> order = null;
        for (SortKey key : sort) {
            Comparator<Integer> byKey = (a, b) -> key.column().compare(a, b);
            byKey = key.descending() ? byKey.reversed() : byKey;
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        Comparator<Integer> total = order.thenComparing(table::recordId);
        Integer[] boxed = Arrays.stream(records).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, total);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
