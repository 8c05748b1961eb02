package io.inflow.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A run to record as queued.
 *
 * @param resumedFrom the run it continues, or null
 * @param scheduledFor the cron fire time it answers, or null
 * @param streams the streams to read, in order
 */
public record NewRun(long connectionId, RunTrigger trigger, RunMode mode, String notes, String requestedBy,
                     Long resumedFrom, Instant scheduledFor, List<String> streams) {

    public NewRun {
        streams = List.copyOf(streams);
    }
}
