package io.inflow.api;

/**
 * What the host gives a connector for one call: the connection's configuration, an HTTP client and a logger.
 * Valid only during the call it was passed to.
 *
 * @since 0.1
 */
public interface ConnectorContext {

    /** The connection's configuration, validated, with defaults filled in. */
    ConnectorConfig config();

    /**
     * The HTTP client for every upstream call. It waits as long as the connection's rate limit requires
     * before sending, so a connector never throttles on its own.
     */
    UpstreamClient http();

    /**
     * A logger whose lines carry the connection and the run. Never log a secret or a whole payload.
     */
    System.Logger log();
}
