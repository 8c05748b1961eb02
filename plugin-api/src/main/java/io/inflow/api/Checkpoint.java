package io.inflow.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a read of one stream stands: an immutable map of strings that only its connector interprets
 * (a page token, a high-water mark, ...). The host stores it as it is, next to the batch it follows.
 *
 * <p>Keep it small: it is written with every batch.
 *
 * @param values the entries; copied, never null
 * @since 0.1
 */
public record Checkpoint(Map<String, String> values) {

    private static final Checkpoint EMPTY = new Checkpoint(Map.of());

    public Checkpoint {
        values = Map.copyOf(values);
    }

    /** The checkpoint of a stream never read: read everything. */
    public static Checkpoint empty() {
        return EMPTY;
    }

    public static Checkpoint of(String key, String value) {
        return new Checkpoint(Map.of(key, value));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy with {@code key} set to {@code value}, or removed when {@code value} is null. */
    public Checkpoint with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Checkpoint(copy);
    }

    /** A copy without {@code key}. */
    public Checkpoint without(String key) {
        return with(key, null);
    }
}
