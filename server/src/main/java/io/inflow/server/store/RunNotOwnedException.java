package io.inflow.server.store;

/**
 * A node tried to store a batch for a run it no longer owns: the run finished, or was declared dead and
 * handed to another node. The batch is rolled back, so a zombie can never write behind its successor.
 */
public class RunNotOwnedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunNotOwnedException(long runId, String node) {
        super("run " + runId + " is no longer running on node " + node);
    }
}
