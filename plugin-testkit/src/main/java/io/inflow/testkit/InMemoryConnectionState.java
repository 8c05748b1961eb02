package io.inflow.testkit;

import io.inflow.api.ConnectionState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test host's {@link ConnectionState}: one connection's state in memory, shared by every read and check of a
 * {@link TestHost}, with the limits Inflow's server enforces. A test may look into it, or change it as another
 * node or a restart would not (drop a key, plant a stale value).
 */
public final class InMemoryConnectionState implements ConnectionState {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        ConnectionState.none().put(key, value); // the argument checks every state makes
        if (!values.containsKey(key) && values.size() >= MAX_KEYS) {
            throw new IllegalStateException("a connection's state holds at most " + MAX_KEYS + " keys");
        }
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        values.remove(key);
    }

    /** Every key and value, as a copy. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
