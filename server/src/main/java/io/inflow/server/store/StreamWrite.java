package io.inflow.server.store;

/**
 * Where the batches of one read are stored: a stream of a connection, read by a run on a node.
 *
 * @param scanId the id of the scan the read belongs to when that scan reconciles (every record it stores is
 *               stamped seen by it), else null
 * @param deletes what the connection does with the records the upstream reports deleted
 */
public record StreamWrite(long connectionId, long runId, String node, String stream, Long scanId, Deletes deletes) {

    /** A write that reconciles nothing and keeps deleted records: a dead letter's replay, a test's batch. */
    public static StreamWrite of(long connectionId, long runId, String node, String stream) {
        return new StreamWrite(connectionId, runId, node, stream, null, Deletes.SOFT);
    }
}
