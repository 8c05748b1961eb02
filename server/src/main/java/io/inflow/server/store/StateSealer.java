package io.inflow.server.store;

/**
 * Seals the values of connections' states for storage, and opens them: the secrets package does it with the secrets
 * key (AES-256-GCM), binding each value to its connection and key, so a value copied to another row does not open.
 */
public interface StateSealer {

    /** The stored form of {@code value} under {@code key} of connection {@code connectionId}. */
    String seal(long connectionId, String key, String value);

    /**
     * The value {@link #seal} sealed.
     *
     * @throws IllegalStateException saying why it does not open (its key is not configured, it was changed or
     *                               moved), never with the value
     */
    String open(long connectionId, String key, String sealed);
}
