package io.inflow.api;

import java.util.Optional;

/**
 * A small, durable key-to-value store the host keeps for a connector, per connection, across runs, checks, nodes
 * and restarts: what a connector would otherwise fetch again on every call, such as an access token that lives for
 * hours (Mindbody's staff user token). It is not the place for read positions: those go in the
 * {@link Checkpoint} committed with each batch, which is stored atomically with the records.
 *
 * <p><b>Durability.</b> A {@link #put} or {@link #remove} is written at once, in its own transaction, and is
 * durable when it returns: it is not tied to a batch or to the outcome of the read, and a failed or cancelled read
 * does not undo it. It is visible to every later call for the same connection, on any node.
 *
 * <p><b>Secrecy.</b> Values are treated as secrets: the host never logs them, never shows them in any API answer,
 * and deletes the connection's whole state when the connection is deleted (purged or not). Keys are not secret:
 * never put a secret into a key. A connector must not log a value either.
 *
 * <p><b>Threading.</b> Implementations are thread-safe. Each call is atomic on its own; there is no transaction
 * across calls: two calls for one connection at once (a check during an import) may interleave, and the last
 * {@code put} of a key wins.
 *
 * <p><b>Scope.</b> The state belongs to the connection, not to its configuration: it survives a change of the
 * configuration. A connector that keeps something derived from the configuration (a token issued for one user)
 * should store what it was derived from beside it (a hash, never a secret) and ignore it when that changed.
 *
 * <p><b>Limits.</b> A key is 1 to {@value #MAX_KEY_LENGTH} characters; a value at most
 * {@value #MAX_VALUE_LENGTH} characters; neither may hold the character U+0000; a connection holds at most
 * {@value #MAX_KEYS} keys. Text only: encode binary values (Base64, say).
 *
 * @since 0.1
 */
public interface ConnectionState {

    /** The longest key, in characters. */
    int MAX_KEY_LENGTH = 100;
    /** The longest value, in characters. */
    int MAX_VALUE_LENGTH = 16_384;
    /** The most keys one connection's state holds. */
    int MAX_KEYS = 64;

    /**
     * The value last put under {@code key} for this connection, by any call on any node.
     *
     * @param key not null
     * @return the value, or empty when there is none (never put, removed, or the connection's state was deleted)
     * @throws NullPointerException when {@code key} is null
     * @throws IllegalStateException when the host could not read it
     */
    Optional<String> get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing what was there. Durable when it returns.
     *
     * @param key 1 to {@value #MAX_KEY_LENGTH} characters
     * @param value at most {@value #MAX_VALUE_LENGTH} characters, not null (to drop a key, {@link #remove} it)
     * @throws NullPointerException when {@code key} or {@code value} is null
     * @throws IllegalArgumentException when the key is empty, a key or value is too long or holds U+0000
     * @throws IllegalStateException when the key is new and the connection already holds {@value #MAX_KEYS} keys,
     *                               or the host could not store it (its message never holds the value)
     */
    void put(String key, String value);

    /**
     * Removes {@code key} and its value; nothing happens when there is none. Idempotent; durable when it returns.
     *
     * @param key not null
     * @throws NullPointerException when {@code key} is null
     * @throws IllegalStateException when the host could not remove it
     */
    void remove(String key);

    /**
     * A state that keeps nothing: {@link #get} is always empty, {@link #put} and {@link #remove} do nothing (they
     * still check their arguments). It is what {@link ConnectorContext#state()} answers where a host keeps no state,
     * so a connector must work with it, as if every call were its first.
     */
    static ConnectionState none() {
        return NoConnectionState.INSTANCE;
    }
}
