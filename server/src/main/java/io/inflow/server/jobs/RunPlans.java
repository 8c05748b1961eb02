package io.inflow.server.jobs;

import io.inflow.server.connections.Connection;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.StreamStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out what a new run reads: the streams its connection imports (each in the run's mode, or in full when the
 * connection reads it in full on every run), or what a run it resumes left unread, in the modes it had.
 */
final class RunPlans {

    private static final Set<RunStatus> RESUMABLE = Set.of(RunStatus.FAILED, RunStatus.INTERRUPTED, RunStatus.CANCELLED);

    private final PluginRegistry plugins;
    private final ImportRunDao runs;

    RunPlans(PluginRegistry plugins, ImportRunDao runs) {
        this.plugins = plugins;
        this.runs = runs;
    }

    NewRun fresh(Connection connection, RunTrigger trigger, RunMode mode, String notes, String requestedBy,
                 Instant scheduledFor) {
        List<String> streams = streamsOf(connection);
        Set<String> readInFull = streams.stream()
                .filter(stream -> connection.streams().modeOf(stream, mode) == RunMode.FULL)
                .collect(Collectors.toSet());
        return new NewRun(connection.id(), trigger, mode, notes, requestedBy, null, scheduledFor, streams,
                readInFull);
    }

    /**
     * A run that continues {@code previous} from its checkpoints, in the same mode, over the streams it did not
     * finish.
     *
     * @throws InflowException CONFLICT when the run is not failed, interrupted or cancelled, or left nothing
     */
    NewRun resume(RunRow previous, String notes, String requestedBy) {
        if (!RESUMABLE.contains(previous.status())) {
            throw new InflowException(InflowException.Kind.CONFLICT, "not_resumable",
                    "run " + previous.id() + " is " + previous.status().code()
                            + "; only a failed, interrupted or cancelled run can be resumed",
                    Map.of("status", previous.status().code()));
        }
        List<RunStreamRow> unfinishedRows = runs.streams(previous.id()).stream()
                .filter(stream -> stream.status() != StreamStatus.SUCCEEDED)
                .toList();
        List<String> unfinished = unfinishedRows.stream().map(RunStreamRow::stream).toList();
        if (unfinished.isEmpty()) {
            throw new InflowException(InflowException.Kind.CONFLICT, "nothing_to_resume",
                    "every stream of run " + previous.id() + " was read completely", Map.of());
        }
        String note = notes != null ? notes : "resumes run " + previous.id();
        Set<String> readInFull = unfinishedRows.stream()
                .filter(stream -> stream.modeIn(previous.mode()) == RunMode.FULL)
                .map(RunStreamRow::stream)
                .collect(Collectors.toSet());
        return new NewRun(previous.connectionId(), RunTrigger.RESUME, previous.mode(), note, requestedBy,
                previous.id(), null, unfinished, readInFull);
    }

    /** The streams the connection imports, of those its plugin offers now, in the plugin's order. */
    private List<String> streamsOf(Connection connection) {
        List<String> offered = plugins.require(connection.pluginId()).streams(connection.config());
        List<String> streams = connection.streams().of(offered);
        if (streams.isEmpty()) {
            throw new InflowException(InflowException.Kind.CONFLICT, "no_streams", "connection " + connection.id()
                    + (offered.isEmpty() ? " offers no stream to import"
                    : " selects none of the streams its plugin offers now (" + String.join(", ", offered)
                    + "); change its streams"), Map.of());
        }
        return streams;
    }
}
