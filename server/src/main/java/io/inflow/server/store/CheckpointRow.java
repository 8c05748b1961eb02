package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code checkpoints}: {@code position} is the JSON of the scan in progress (null when none is),
 * {@code watermark} the JSON of the last completed scan's final checkpoint, {@code scanId} the id of the scan in
 * progress when it reconciles (the run that started it).
 */
public record CheckpointRow(long connectionId, String stream, String position, String watermark, Long runId,
                            Instant updatedAt, Long scanId) {
}
