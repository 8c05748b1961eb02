package io.inflow.server.store;

/**
 * What storing one batch did.
 *
 * @param inserted records that were new
 * @param updated records whose content changed
 * @param unchanged records stored before with the same content, which were not written
 * @param failed records kept as dead letters
 * @param cancelRequested whether the run has been asked to stop meanwhile
 */
public record CommitOutcome(int inserted, int updated, int unchanged, int failed, boolean cancelRequested) {

    public int total() {
        return inserted + updated + unchanged + failed;
    }
}
