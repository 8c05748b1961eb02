package io.inflow.server.jobs;

import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointDao;
import io.inflow.server.store.CheckpointRow;
import io.inflow.server.store.ImportRunDao;
import java.util.List;
import java.util.Map;

/**
 * Reads, sets and resets where each stream of a connection stands (like Kafka Connect's offsets API). Changes are
 * refused while the connection has an active run, which would overwrite them with its next page.
 */
public final class CheckpointService {

    private final CheckpointDao checkpoints;
    private final ImportRunDao runs;
    private final ConnectionService connections;
    private final CheckpointCodec codec;

    CheckpointService(CheckpointDao checkpoints, ImportRunDao runs, ConnectionService connections,
                      CheckpointCodec codec) {
        this.checkpoints = checkpoints;
        this.runs = runs;
        this.connections = connections;
        this.codec = codec;
    }

    /** @throws InflowException NOT_FOUND for an unknown connection */
    public List<StreamCheckpoint> list(long connectionId) {
        Connection connection = connections.get(connectionId);
        return checkpoints.list(connection.id()).stream().map(this::checkpoint).toList();
    }

    /** @throws InflowException NOT_FOUND for an unknown connection, or {@code checkpoint_not_found} */
    public StreamCheckpoint get(long connectionId, String stream) {
        Connection connection = connections.get(connectionId);
        return checkpoints.find(connection.id(), stream).map(this::checkpoint)
                .orElseThrow(() -> new InflowException(InflowException.Kind.NOT_FOUND, "checkpoint_not_found",
                        "stream '" + stream + "' of connection " + connection.id() + " has no checkpoint", Map.of()));
    }

    /**
     * Sets one stream's checkpoint; the next import of the stream starts from it.
     *
     * @param position the scan's position, or null for none
     * @param watermark where the next incremental import starts, or null for none
     * @throws InflowException NOT_FOUND for an unknown connection, or {@code stream_not_found} for a stream it does
     *                         not import; CONFLICT {@code run_active} while it has an active run; CONFLICT
     *                         {@code plugin_unavailable} when its plugin cannot say its streams
     */
    public StreamCheckpoint set(long connectionId, String stream, Map<String, String> position,
                                Map<String, String> watermark) {
        Connection connection = idle(connectionId);
        List<String> streams = connections.streams(connection);
        if (!streams.contains(stream)) {
            throw new InflowException(InflowException.Kind.NOT_FOUND, "stream_not_found", "connection "
                    + connection.id() + " has no stream '" + stream + "'", Map.of("streams", streams));
        }
        checkpoints.put(connection.id(), stream, codec.encodeValues(position), codec.encodeValues(watermark));
        return get(connectionId, stream);
    }

    /**
     * Resets one stream: its next import reads everything.
     *
     * @return the checkpoints forgotten: 1, or 0 when it had none
     * @throws InflowException NOT_FOUND for an unknown connection; CONFLICT {@code run_active}
     */
    public int reset(long connectionId, String stream) {
        return checkpoints.delete(idle(connectionId).id(), stream);
    }

    /**
     * Resets every stream of the connection: its next incremental import is a full one.
     *
     * @return the checkpoints forgotten
     * @throws InflowException NOT_FOUND for an unknown connection; CONFLICT {@code run_active}
     */
    public int resetAll(long connectionId) {
        return checkpoints.deleteAll(idle(connectionId).id());
    }

    /** The connection, when no run of it is active. */
    private Connection idle(long connectionId) {
        Connection connection = connections.get(connectionId);
        runs.findActive(connection.id()).ifPresent(active -> {
            throw new InflowException(InflowException.Kind.CONFLICT, "run_active", "connection " + connection.id()
                    + " has an active import (run " + active.id() + "); change its checkpoints once it ends",
                    Map.of("activeRunId", active.id()));
        });
        return connection;
    }

    private StreamCheckpoint checkpoint(CheckpointRow row) {
        return new StreamCheckpoint(row.stream(), codec.decodeValues(row.position()),
                codec.decodeValues(row.watermark()), row.runId(), row.updatedAt());
    }
}
