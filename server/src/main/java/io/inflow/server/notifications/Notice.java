package io.inflow.server.notifications;

import java.time.Instant;

/**
 * One notification to render: what happened, when, and the facts stored with it.
 *
 * @param connectionId the connection it concerns, or null (a plugin's failure, a test)
 * @param runId the run it concerns, or null
 * @param data the facts as JSON: a run event's run row and stream rows, a plugin event's plugin, ...
 */
public record Notice(String type, Instant at, Long connectionId, Long runId, String data) {
}
