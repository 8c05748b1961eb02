package io.inflow.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A run to record as queued.
 *
 * @param resumedFrom the run it continues, or null
 * @param scheduledFor the cron fire time it answers, or null
 * @param streams the streams to read, in order
 * @param readInFull those of them read in full whatever the run's mode
 */
public record NewRun(long connectionId, RunTrigger trigger, RunMode mode, String notes, String requestedBy,
                     Long resumedFrom, Instant scheduledFor, List<String> streams, Set<String> readInFull) {

    public NewRun {
        streams = List.copyOf(streams);
        readInFull = Set.copyOf(readInFull);
    }

    /** A run whose streams are all read in its mode. */
    public NewRun(long connectionId, RunTrigger trigger, RunMode mode, String notes, String requestedBy,
                  Long resumedFrom, Instant scheduledFor, List<String> streams) {
        this(connectionId, trigger, mode, notes, requestedBy, resumedFrom, scheduledFor, streams, Set.of());
    }

    /** The mode each of its streams is read in, in their order. */
    public List<RunMode> streamModes() {
        return streams.stream().map(stream -> readInFull.contains(stream) ? RunMode.FULL : mode).toList();
    }
}
