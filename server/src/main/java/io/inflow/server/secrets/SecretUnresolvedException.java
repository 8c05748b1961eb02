package io.inflow.server.secrets;

/** A secret reference ({@code ${env:…}}, {@code ${file:…}}) that names nothing readable. */
public final class SecretUnresolvedException extends Exception {

    public SecretUnresolvedException(String message) {
        super(message);
    }
}
