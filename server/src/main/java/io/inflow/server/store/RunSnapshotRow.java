package io.inflow.server.store;

/**
 * A run as it is now, read in one snapshot with the id of the last event committed: the run reflects every event up
 * to {@code position} (and no event beyond it tells of a change it does not show).
 *
 * @param data the run's row and its streams' rows, as a run event carries them
 */
public record RunSnapshotRow(long position, String data) {
}
