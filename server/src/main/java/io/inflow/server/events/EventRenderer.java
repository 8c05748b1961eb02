package io.inflow.server.events;

import io.inflow.server.store.EventRow;
import io.inflow.server.store.RunSnapshotRow;
import java.time.Instant;

/** Renders events as the API shows them: each event's JSON is what the API answers for its run, scheduler or plugin. */
public interface EventRenderer {

    /** A recorded event. */
    EventFrame event(EventRow event);

    /** {@code run.snapshot}: a run as it is, with the id of the last event it reflects. */
    EventFrame snapshot(RunSnapshotRow snapshot, Instant at);

    /**
     * {@code reset}: events the client asked to resume after are no longer kept (or never were); it should read
     * the state afresh. The events after {@code id} follow.
     */
    EventFrame reset(long id, Instant at, long resumeFrom, long prunedThrough);
}
