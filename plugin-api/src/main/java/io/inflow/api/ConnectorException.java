package io.inflow.api;

/**
 * A failure the connector can explain to a person: credentials refused, a table that does not exist, an
 * answer it cannot understand. The host shows the message as the run's error, so write it for the person
 * who must fix it, and never put a secret in it.
 *
 * @since 0.1
 */
public class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
