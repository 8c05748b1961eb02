package io.inflow.server.plugins;

import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.UpstreamClient;
import java.time.Clock;

/** The host's side of a connector call outside a read: a check, or reading one record again. */
public record HostConnectorContext(ConnectorConfig config, UpstreamClient http, System.Logger log,
                                   ConnectionState state, Clock clock)
        implements ConnectorContext {
}
