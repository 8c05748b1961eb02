package io.inflow.server.resilience;

import io.inflow.api.ConnectorConfig;

/**
 * Who calls an upstream: a connection, stored or a draft being checked.
 *
 * @param connectionId names its circuit breaker, its rate limit (unless its connector names a wider scope) and its
 *                     quota count
 * @param connectionName labels its metrics
 * @param config its configuration, whose host settings ({@link HostSettings}) override its connector's limits
 */
public record UpstreamCaller(long connectionId, String connectionName, ConnectorConfig config) {
}
