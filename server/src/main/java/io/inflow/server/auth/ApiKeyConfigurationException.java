package io.inflow.server.auth;

/**
 * The configured API keys cannot be used (none at all, one too short, two of one name, a malformed hash): the server
 * does not start. The message says what to set.
 */
public final class ApiKeyConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ApiKeyConfigurationException(String message) {
        super(message);
    }
}
