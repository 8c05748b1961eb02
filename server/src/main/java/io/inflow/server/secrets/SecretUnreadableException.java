package io.inflow.server.secrets;

/** A stored secret that cannot be opened: its key is not configured, or its ciphertext was changed or moved. */
public final class SecretUnreadableException extends Exception {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
