package io.inflow.server.api;

import java.util.Map;

/** The body of {@code PUT /api/v1/connections/{id}/checkpoints/{stream}}: null fields are cleared. */
public record CheckpointRequest(Map<String, String> position, Map<String, String> watermark) {
}
