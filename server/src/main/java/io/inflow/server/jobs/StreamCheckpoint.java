package io.inflow.server.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * Where one stream's imports stand: the position of the scan in progress (null when none is) and the watermark the
 * next incremental import starts from (null when there is none), each the connector's own map of strings.
 *
 * @param runId the run that wrote it last, or null when an admin set it
 */
public record StreamCheckpoint(String stream, Map<String, String> position, Map<String, String> watermark,
                               Long runId, Instant updatedAt) {
}
