package io.inflow.server.store;

/**
 * What asking to delete a connection did.
 *
 * @param found whether the connection existed, not deleted
 * @param activeRunId the run, queued, running, waiting or cancelling, that kept it from being deleted; else null
 */
public record ConnectionDeletion(boolean found, Long activeRunId) {

    static final ConnectionDeletion NOT_FOUND = new ConnectionDeletion(false, null);
    static final ConnectionDeletion DELETED = new ConnectionDeletion(true, null);

    static ConnectionDeletion refusedFor(RunRow activeRun) {
        return new ConnectionDeletion(true, activeRun.id());
    }

    public boolean deleted() {
        return found && activeRunId == null;
    }
}
