package io.inflow.server.secrets;

/** No usable key to encrypt secrets at rest: the server does not start. The message says what to do. */
public final class SecretsKeyMissingException extends RuntimeException {

    public SecretsKeyMissingException(String message) {
        super(message);
    }
}
