package io.inflow.server.connections;

/**
 * Stops the schedule of a connection that was just deleted. The job engine owns schedules, so it does this; a
 * deletion only asks.
 */
@FunctionalInterface
public interface ScheduleCanceller {

    /** Removes the connection's schedule, if it has one; never fails the deletion, which is committed already. */
    void cancelSchedule(long connectionId);
}
