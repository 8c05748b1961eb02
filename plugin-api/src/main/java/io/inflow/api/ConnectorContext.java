package io.inflow.api;

import java.time.Clock;

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

    /**
     * The connection's state: a small key-to-value store kept by the host across runs, checks, nodes and
     * restarts, whose values are treated as secrets (see {@link ConnectionState} for durability, threading and
     * limits). The same connection's state is reached from a read's context and from a check's.
     *
     * <p>This default answers {@link ConnectionState#none()}, which keeps nothing: contexts written before this
     * method existed (a plugin's own test doubles, say) keep compiling, and a connector must still work with
     * them, only without what it would have remembered. Inflow's server and the test kit's host override it.
     *
     * @return never null; the same state for every call of one context
     * @since 0.1
     */
    default ConnectionState state() {
        return ConnectionState.none();
    }

    /**
     * The host's clock, for every "now" a connector needs (a high-water mark, a token's expiry, a date window):
     * use it instead of {@link java.time.Instant#now()}, so that tests can move time and the host decides what
     * time it is. Answers UTC.
     *
     * <p>This default answers the system clock, for contexts written before this method existed.
     *
     * @return never null; the same clock for every call of one context
     * @since 1.0
     */
    default Clock clock() {
        return Clock.systemUTC();
    }
}
