package io.inflow.server.api;

import io.inflow.server.jobs.StreamCheckpoint;
import java.time.Instant;
import java.util.Map;

/**
 * One stream's checkpoint: where the scan in progress stands ({@code position}, null when none is) and where
 * the next incremental import starts ({@code watermark}). Both are the connector's own maps of strings.
 */
public record CheckpointView(String stream, Map<String, String> position, Map<String, String> watermark,
                             Long run, Instant updatedAt) {

    static CheckpointView of(StreamCheckpoint checkpoint) {
        return new CheckpointView(checkpoint.stream(), checkpoint.position(), checkpoint.watermark(),
                checkpoint.runId(), checkpoint.updatedAt());
    }
}
