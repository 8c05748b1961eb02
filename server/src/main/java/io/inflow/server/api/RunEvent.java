package io.inflow.server.api;

import java.time.Instant;

/**
 * The data of a run event ({@code run.queued} ... {@code run.interrupted}, and {@code run.snapshot}): the run as
 * {@code GET /api/v1/imports/{id}} showed it when the event happened ({@code durationSeconds} and
 * {@code recordsPerSecond} as of {@code at}).
 */
public record RunEvent(String type, Instant at, RunView run) {
}
