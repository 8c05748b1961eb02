package io.inflow.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/** The latest requests of one fake API, oldest first; past its capacity the oldest entries go. */
public final class RequestLog {

    public static final int DEFAULT_CAPACITY = 200_000;

    private final int capacity;
    private final ArrayDeque<LoggedRequest> entries = new ArrayDeque<>();

    public RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public synchronized void add(LoggedRequest request) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
