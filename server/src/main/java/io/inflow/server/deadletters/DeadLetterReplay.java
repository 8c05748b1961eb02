package io.inflow.server.deadletters;

import io.inflow.api.ConnectorException;
import io.inflow.api.record.Record;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.HostConnectorContext;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginLogger;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.ConnectionStates;
import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.DeadLetterRow;
import io.inflow.server.store.RecordSink;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries dead letters again through the same upsert as an import: the connector reads the record again when it
 * can (the upstream may serve it properly now), or else the stored payload is retried as it is. A letter that
 * still fails stays open with the new error and one more attempt counted.
 */
public final class DeadLetterReplay {

    private final DeadLetterDao letters;
    private final RecordSink sink;
    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final UpstreamClients upstreams;
    private final ConnectionStates states;
    private final Clock clock;

    public DeadLetterReplay(DeadLetterDao letters, RecordSink sink, ConnectionService connections,
                            PluginRegistry plugins, UpstreamClients upstreams, ConnectionStates states, Clock clock) {
        this.letters = letters;
        this.sink = sink;
        this.connections = connections;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.states = states;
        this.clock = clock;
    }

    /** @throws InflowException NOT_FOUND, or CONFLICT when it was replayed already or its plugin is not loaded */
    public ReplayResult replay(long letterId) throws InterruptedException {
        DeadLetterRow letter = letters.find(letterId).orElseThrow(() -> InflowException.notFound("dead letter", letterId));
        if (letter.replayedAt() != null) {
            throw new InflowException(InflowException.Kind.CONFLICT, "already_replayed",
                    "dead letter " + letterId + " was replayed at " + letter.replayedAt(), Map.of());
        }
        return replay(letter);
    }

    /** Replays every open dead letter of a run, in order. */
    public List<ReplayResult> replayRun(long runId) throws InterruptedException {
        List<ReplayResult> results = new java.util.ArrayList<>();
        for (DeadLetterRow letter : letters.openOfRun(runId)) {
            results.add(replay(letter));
        }
        return results;
    }

    private ReplayResult replay(DeadLetterRow letter) throws InterruptedException {
        Connection connection = connections.get(letter.connectionId());
        LoadedConnector connector = plugins.require(connection.pluginId());
        boolean reread = false;
        try {
            Optional<Record> fresh = letter.externalId() == null ? Optional.empty() : reread(connector, connection, letter);
            reread = fresh.isPresent();
            Record record = fresh.orElseGet(() -> asStored(letter));
            sink.replay(letter, record);
            return new ReplayResult(letter.id(), true, reread, null);
        } catch (ConnectorException | IllegalArgumentException | IOException e) {
            letters.markReplayFailed(letter.id(), e.getMessage());
            return new ReplayResult(letter.id(), false, reread, e.getMessage());
        }
    }

    private Optional<Record> reread(LoadedConnector connector, Connection connection, DeadLetterRow letter)
            throws IOException, InterruptedException {
        HostConnectorContext context = new HostConnectorContext(
                connections.upstreamConfig(connection, connector.spec().config()),
                upstreams.forInteractiveCall(connection.upstreamCaller(), connector),
                new PluginLogger(connector.pluginId(), "connection " + connection.id() + " dead letter " + letter.id()),
                states.of(connection.id()), clock);
        return connector.callUpstream(plugin -> plugin.reread(letter.stream(), letter.externalId(), context));
    }

    private static Record asStored(DeadLetterRow letter) {
        if (letter.externalId() == null) {
            throw new IllegalArgumentException("the record had no id and its connector cannot read it again");
        }
        return new Record(letter.stream(), letter.externalId(), letter.payload(), null);
    }
}
