package io.inflow.api;

/**
 * Thrown by {@link ReadContext#commit(io.inflow.api.record.Batch)} once the batch is stored, when the run was
 * cancelled meanwhile, and by {@link UpstreamClient} when the run is cancelled while a call waits on the upstream
 * (since 0.2). A connector need not catch it: letting it propagate ends the read cleanly, and the
 * checkpoint just stored is where a resumed run continues.
 *
 * @since 0.1
 */
public class ReadCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReadCancelledException() {
        super("the import was cancelled");
    }
}
