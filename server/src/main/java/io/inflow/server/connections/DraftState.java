package io.inflow.server.connections;

import io.inflow.api.ConnectionState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a connection that is not stored yet, for its check: kept in memory, then written to the connection's
 * stored state once it is saved (so a token its check obtained serves its first run), or dropped with the draft.
 */
final class DraftState implements ConnectionState {

    private final Map<String, String> values = new LinkedHashMap<>();

    @Override
    public synchronized Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        ConnectionState.none().put(key, value); // the argument checks every state makes
        if (!values.containsKey(key) && values.size() >= MAX_KEYS) {
            throw new IllegalStateException("the state of the new connection holds " + MAX_KEYS
                    + " keys already, the most it may; key '" + key + "' was not stored");
        }
        values.put(key, value);
    }

    @Override
    public synchronized void remove(String key) {
        Objects.requireNonNull(key, "key");
        values.remove(key);
    }

    /** Writes every value kept here to {@code stored}. */
    synchronized void copyTo(ConnectionState stored) {
        values.forEach(stored::put);
    }
}
