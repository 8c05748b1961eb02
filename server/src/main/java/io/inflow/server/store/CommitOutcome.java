package io.inflow.server.store;

/**
 * What storing one batch did.
 *
 * @param inserted records that were new
 * @param updated records whose content changed
 * @param unchanged records stored before with the same content, which were not written
 * @param failed records kept as dead letters
 * @param deleted records marked deleted (or removed) because the upstream reported them deleted, or because a
 *                completed scan did not see them
 * @param cancelRequested whether the run has been asked to stop meanwhile
 */
public record CommitOutcome(int inserted, int updated, int unchanged, int failed, int deleted,
                            boolean cancelRequested) {

    /** The records read: every record the batches held, whatever storing each did. */
    public int total() {
        return inserted + updated + unchanged + failed;
    }
}
