package io.inflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * What every fake's admin "delete" and "restore" share: reading their bodies, the words of their refusals, and
 * the seeded choice of records. A refusal is an {@link IllegalArgumentException}, which the admin surface answers
 * with a 400; the fakes check everything before they change anything.
 */
public final class DeletionRequests {

    private DeletionRequests() {}

    /** The {@code count} of {@code {"count":N,...}}, a whole number of at least 1; no key outside {@code known}. */
    public static int count(JsonNode body, Set<String> known) {
        onlyKeys(body, known);
        JsonNode count = body.get("count");
        if (count == null || count.isNull()) {
            throw new IllegalArgumentException("count is required: how many records to delete");
        }
        if (!count.isInt()) {
            throw new IllegalArgumentException("count must be a whole number, was " + count);
        }
        if (count.intValue() < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count.intValue());
        }
        return count.intValue();
    }

    /** The {@code ids} of {@code {"ids":[...],...}}: a non-empty array of distinct strings; no key outside {@code known}. */
    public static List<String> ids(JsonNode body, Set<String> known) {
        onlyKeys(body, known);
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray()) {
            throw new IllegalArgumentException("ids must be an array of record ids");
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("ids must name at least one record");
        }
        List<String> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new IllegalArgumentException("ids must be an array of strings; " + id + " is not a string");
            }
            if (!seen.add(id.asText())) {
                throw new IllegalArgumentException("id " + id.asText() + " is named twice");
            }
            list.add(id.asText());
        }
        return list;
    }

    /** A count above what is left to delete. */
    public static void checkCount(int count, int remaining) {
        if (count < 1 || count > remaining) {
            throw new IllegalArgumentException("count must be between 1 and " + remaining
                    + " (the records not deleted), was " + count);
        }
    }

    public static IllegalArgumentException unknownId(String id) {
        return new IllegalArgumentException("unknown id " + id + "; nothing was restored");
    }

    public static IllegalArgumentException notDeleted(String id) {
        return new IllegalArgumentException("id " + id + " is not deleted; nothing was restored");
    }

    /**
     * A random stream for the {@code call}-th call of one kind, from the seed: a replayed session of admin calls
     * gets the same streams. {@code kind} keeps deletes, restores and modifications apart.
     */
    public static SplittableRandom random(long seed, long kind, long call) {
        return new SplittableRandom(mix(seed ^ mix(kind ^ mix(call))));
    }

    /** Floyd's sampling of {@code count} distinct numbers of {@code 0..bound-1}, in ascending order. */
    public static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new TreeSet<>();
        for (int j = bound - count; j < bound; j++) {
            int pick = random.nextInt(j + 1);
            chosen.add(chosen.contains(pick) ? j : pick);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void onlyKeys(JsonNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown key " + name + "; known: " + new TreeSet<>(known));
            }
        }
    }

    /** SplitMix64's finaliser. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
