package io.inflow.server.connections;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionDeletion;
import java.util.Map;

/**
 * Deletes connections. A deleted connection leaves the API and its schedule stops firing; its row stays, with its
 * configuration and the state its connector kept (tokens: secrets too) dropped, so the records, runs and dead
 * letters that refer to it stay valid. A purge also deletes what was imported through it: records, checkpoints,
 * dead letters and quota counts. Its run history stays either
 * way: it is the account of what this server did and who asked, holds no imported data, and
 * {@code GET /api/v1/imports?connection=} keeps answering it.
 */
public final class ConnectionRemoval {

    private final ConnectionDao connections;
    private final ScheduleCanceller schedules;

    ConnectionRemoval(ConnectionDao connections, ScheduleCanceller schedules) {
        this.connections = connections;
        this.schedules = schedules;
    }

    /**
     * Deletes a connection in one transaction, which holds its row locked so that no run can be queued for it
     * meanwhile.
     *
     * @param purge also delete its records, checkpoints, dead letters and quota counts
     * @throws InflowException NOT_FOUND; CONFLICT {@code run_active} (with {@code activeRunId}) while a run of it
     *                         is queued, running, waiting or cancelling
     */
    public void delete(long connectionId, boolean purge) {
        ConnectionDeletion deletion = connections.delete(connectionId, purge);
        if (!deletion.found()) {
            throw InflowException.notFound("connection", connectionId);
        }
        if (deletion.activeRunId() != null) {
            throw new InflowException(InflowException.Kind.CONFLICT, "run_active", "connection " + connectionId
                    + " has an active import (run " + deletion.activeRunId() + "); cancel it or let it end first",
                    Map.of("activeRunId", deletion.activeRunId()));
        }
        schedules.cancelSchedule(connectionId);
    }
}
