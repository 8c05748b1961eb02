package io.inflow.server.store;

import org.jdbi.v3.core.Handle;

/**
 * What one read has learned about its stream that makes storing cheaper: whether a record it sends may be stored
 * already. While none can be (the stream held no record when the read began, and no id came twice since), new
 * records go in by {@code COPY} without looking; once one can, each group is first looked up by id and hash, so
 * unchanged records are not sent at all (see {@link RecordSink#commit(StreamWrite, java.util.List, StreamLoad)}).
 *
 * <p>Used by the one thread that writes the read's batches.
 */
public final class StreamLoad {

    private static final String HOLDS_RECORDS = """
            SELECT EXISTS (SELECT 1 FROM records WHERE connection_id = :connectionId AND stream = :stream)
            """;

    private Boolean mayHoldSent;

    /** Whether a record this read sends may be stored already; asks the database the first time. */
    boolean mayHoldSent(Handle handle, StreamWrite write) {
        if (mayHoldSent == null) {
            mayHoldSent = handle.createQuery(HOLDS_RECORDS)
                    .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                    .mapTo(Boolean.class).one();
        }
        return mayHoldSent;
    }

    /** A record sent was found stored (an id the upstream sent twice, a resumed read): look up from now on. */
    void foundStored() {
        mayHoldSent = true;
    }
}
