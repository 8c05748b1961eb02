package io.inflow.server.connections;

import java.time.Instant;

/**
 * What a connection check found: a failed check is an answer about the connection, not an error of the request.
 *
 * @param message what the connector said, or what stopped it, in words a person can act on
 */
public record CheckResult(boolean ok, String message, Instant checkedAt) {
}
