package io.inflow.sandbox.gmail;

import java.util.Arrays;

/**
 * The mailbox's history records in ascending id (and time) order: ids grow with gaps, as upstream. Each record
 * is one change to one message: added (with its labels), or labels added or removed. Records older than the
 * horizon are forgotten, so a {@code startHistoryId} from before them is no longer valid.
 *
 * <p>Not thread-safe: the {@link Mailbox} guards it.
 */
final class HistoryLog {

    enum Type {
        MESSAGE_ADDED("messageAdded"), LABEL_ADDED("labelAdded"), LABEL_REMOVED("labelRemoved"),
        MESSAGE_DELETED("messageDeleted");

        private final String param;

        Type(String param) {
            this.param = param;
        }

        /** Its name in {@code historyTypes}. */
        String param() {
            return param;
        }

        static Type byParam(String value) {
            for (Type type : values()) {
                if (type.param.equalsIgnoreCase(value) || type.name().replace("_", "").equalsIgnoreCase(value)) {
                    return type;
                }
            }
            return null;
        }
    }

    private final long firstValidStart;
    private long[] ids = new long[1024];
    private long[] times = new long[1024];
    private int[] messages = new int[1024];
    private byte[] types = new byte[1024];
    private long[] changed = new long[1024];
    private long[] after = new long[1024];
    private int size;
    /** A start at or above this is valid even if the clock says older records are kept: for tests. */
    private long forgottenUpTo = Long.MIN_VALUE;

    /** @param firstValidStart the mailbox's history id before its first record */
    HistoryLog(long firstValidStart) {
        this.firstValidStart = firstValidStart;
    }

    void append(long id, long time, int message, Type type, long changedLabels, long labelsAfter) {
        if (size > 0 && (id <= ids[size - 1] || time < times[size - 1])) {
            throw new IllegalStateException("history records must come in id and time order");
        }
        if (size == ids.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            times = Arrays.copyOf(times, capacity);
            messages = Arrays.copyOf(messages, capacity);
            types = Arrays.copyOf(types, capacity);
            changed = Arrays.copyOf(changed, capacity);
            after = Arrays.copyOf(after, capacity);
        }
        ids[size] = id;
        times[size] = time;
        messages[size] = message;
        types[size] = (byte) type.ordinal();
        changed[size] = changedLabels;
        after[size] = labelsAfter;
        size++;
    }

    int size() {
        return size;
    }

    long id(int record) {
        return ids[record];
    }

    long time(int record) {
        return times[record];
    }

    long lastTime() {
        return size == 0 ? Long.MIN_VALUE : times[size - 1];
    }

    int message(int record) {
        return messages[record];
    }

    Type type(int record) {
        return Type.values()[types[record]];
    }

    long changed(int record) {
        return changed[record];
    }

    long after(int record) {
        return after[record];
    }

    /**
     * The oldest {@code startHistoryId} still answered: the id of the newest forgotten record (a start there
     * still sees every kept record), or the mailbox's first history id when none is forgotten.
     */
    long oldestValidStart(long now, long horizonMillis) {
        long floor = firstValidStart;
        int forgotten = firstKeptIndex(now - horizonMillis) - 1;
        if (forgotten >= 0) {
            floor = ids[forgotten];
        }
        return Math.max(floor, forgottenUpTo);
    }

    /** Forgets every record so far, as if the horizon had passed them all. */
    void forgetUpTo(long historyId) {
        forgottenUpTo = Math.max(forgottenUpTo, historyId);
    }

    /** The index of the first record at or after {@code time}: records before it are forgotten. */
    private int firstKeptIndex(long time) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The index of the first record whose id is above {@code historyId}. */
    int firstAfter(long historyId) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ids[mid] <= historyId) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
