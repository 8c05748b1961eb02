package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionDeletion;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes connections. A deleted connection leaves the API and its schedule stops firing; its row stays, with its
 * configuration and the state its connector kept (tokens: secrets too) dropped, so the records, runs and dead
 * letters that refer to it stay valid. A purge also deletes what was imported through it: records, checkpoints,
 * dead letters and quota counts. Its run history stays either
 * way: it is the account of what this server did and who asked, holds no imported data, and
 * {@code GET /api/v1/imports?connection=} keeps answering it.
 */
public final class ConnectionRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRemoval.class);
    /** How long a deletion waits for a fire of the connection's schedule in progress to end. */
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(10);

    private final ConnectionDao connections;
    private final SchedulerClient scheduler;

    ConnectionRemoval(ConnectionDao connections, SchedulerClient scheduler) {
        this.connections = connections;
        this.scheduler = scheduler;
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
        stopSchedule(connectionId);
    }

    /**
     * Removes the connection's schedule. A schedule firing at this moment cannot be cancelled (db-scheduler would
     * reschedule it once the fire ends), so the cancel is tried again until that fire ended: a fire only queues a
     * run, in milliseconds. A fire that comes anyway finds no connection and queues nothing (see
     * {@link ScheduleFires}).
     */
    private void stopSchedule(long connectionId) {
        long deadline = System.nanoTime() + CANCEL_PATIENCE.toNanos();
        while (true) {
            try {
                scheduler.cancel(Tasks.CONNECTION_SCHEDULE.instanceId(ScheduledConnection.instanceId(connectionId)));
                return;
            } catch (TaskInstanceCurrentlyExecutingException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("The schedule of deleted connection {} was firing for {} and was not cancelled; its "
                            + "fires queue nothing", connectionId, CANCEL_PATIENCE);
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (TaskInstanceException e) {
                LOG.info("The schedule of deleted connection {} was not cancelled: {}", connectionId, e.getMessage());
                return;
            }
        }
    }
}
