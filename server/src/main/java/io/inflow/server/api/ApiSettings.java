package io.inflow.server.api;

import io.inflow.server.auth.ApiKeyRing;
import io.inflow.server.auth.AuthConfiguration;

/** What the REST layer needs from the configuration, beyond the services it calls. */
public record ApiSettings(boolean embeddedDatabase, ApiKeyRing keys, AuthConfiguration auth, ApiConfiguration api) {
}
