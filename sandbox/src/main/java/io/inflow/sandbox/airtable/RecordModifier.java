package io.inflow.sandbox.airtable;

import io.inflow.sandbox.Modification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Changes records the way a busy clinic would: each call picks distinct records from the seed and
 * the number of earlier calls (so a replayed session changes the same ones), edits them and stamps
 * them all with one new Last Modified time.
 */
final class RecordModifier {

    private final long seed;
    private final AirtableTable table;
    private final IntConsumer edit;
    private final Clock clock;
    private long calls;

    RecordModifier(long seed, AirtableTable table, IntConsumer edit, Clock clock) {
        this.seed = seed;
        this.table = table;
        this.edit = edit;
        this.clock = clock;
    }

    /** Picks among the records not deleted; with none deleted, record {@code i} is pick {@code i}. */
    synchronized Modification modify(int count) {
        return table.write(() -> {
            int[] live = table.liveRecords();
            if (count < 1 || count > live.length) {
                throw new IllegalArgumentException("count must be between 1 and " + live.length);
            }
            calls++;
            int[] records = distinct(count, live.length, new SplittableRandom(Ids.mix(seed ^ Ids.mix(calls))));
            for (int i = 0; i < records.length; i++) {
                records[i] = live[records[i]];
            }
            table.touch(records, clock.millis(), edit);
            List<String> ids = new ArrayList<>(count);
            for (int record : records) {
                ids.add(table.recordId(record));
            }
            return new Modification(count, ids);
        });
    }

    /** Floyd's sampling of {@code count} of {@code 0..bound-1}, in creation order. */
    private static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(count * 2);
        for (int j = bound - count; j < bound; j++) {
            int pick = random.nextInt(j + 1);
            chosen.add(chosen.contains(pick) ? j : pick);
        }
        int[] records = chosen.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(records);
        return records;
    }
}
