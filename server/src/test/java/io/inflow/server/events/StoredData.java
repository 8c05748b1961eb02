package io.inflow.server.events;

import io.inflow.server.store.EventRow;
import io.inflow.server.store.RunSnapshotRow;
import java.time.Instant;

/** Renders each event as the data the database stored for it: what the feed's tests look at. */
final class StoredData implements EventRenderer {

    @Override
    public EventFrame event(EventRow event) {
        return new EventFrame(event.id(), event.type(), event.runId(), event.data());
    }

    @Override
    public EventFrame snapshot(RunSnapshotRow snapshot, Instant at) {
        return new EventFrame(snapshot.position(), "run.snapshot", null, snapshot.data());
    }

    @Override
    public EventFrame reset(long id, Instant at, long resumeFrom, long prunedThrough) {
        return new EventFrame(id, "reset", null, "{\"lastEventId\":" + resumeFrom + ",\"prunedThrough\":"
                + prunedThrough + "}");
    }
}
