package io.inflow.server.api;

import java.time.Instant;

/**
 * The data of {@code scheduler.started} and {@code scheduler.stopped}: the scheduler as {@code GET /api/v1/scheduler}
 * shows it, its state as the change left it (its {@code upcoming} fires as they are when the event is sent).
 */
public record SchedulerEvent(String type, Instant at, SchedulerView scheduler) {
}
