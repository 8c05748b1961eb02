package io.inflow.server.api;

import java.time.Instant;

/**
 * The data of {@code reset}: the client asked to resume after {@code lastEventId}, but the events after it are no
 * longer kept (older than {@code events.retention}) or never were; it should read the state afresh. The events
 * that follow are new ones.
 */
public record ResetEvent(String type, Instant at, long lastEventId, String reason) {
}
