package io.inflow.api;

import java.util.Objects;
import java.util.Optional;

/** {@link ConnectionState#none()}: keeps nothing, but refuses what a real state would refuse. */
enum NoConnectionState implements ConnectionState {
    INSTANCE;

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.empty();
    }

    @Override
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a state key must be 1 to " + MAX_KEY_LENGTH + " characters, was "
                    + key.length());
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("the value of state key '" + key + "' must be at most "
                    + MAX_VALUE_LENGTH + " characters, was " + value.length());
        }
        if (key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("state key '" + key.replace('\0', '?')
                    + "' or its value holds the character U+0000, which cannot be stored");
        }
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
    }
}
