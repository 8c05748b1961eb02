package io.inflow.server.jobs;

import io.inflow.server.connections.Connection;
import java.time.Instant;

/** Told of each schedule fire that made no run, and why (the scheduler being stopped is not such a skip). */
@FunctionalInterface
public interface SkippedFires {

    SkippedFires NONE = (connection, fireTime, reason, becauseOfRun) -> { };

    /**
     * @param becauseOfRun the run that made the fire skip (the active one, or the one whose start began the
     *                     cooldown), or null (its plugin is not active)
     */
    void skipped(Connection connection, Instant fireTime, String reason, Long becauseOfRun);
}
