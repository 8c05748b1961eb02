package io.inflow.server.jobs;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import io.inflow.api.QuotaExhaustedException;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.UpstreamClient;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginLogger;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointDao;
import io.inflow.server.store.CheckpointRow;
import io.inflow.server.store.ConnectionStates;
import io.inflow.server.store.Deletes;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RecordCountDao;
import io.inflow.server.store.RecordSink;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunNotOwnedException;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.StreamStatus;
import io.inflow.server.store.StreamWrite;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one import on this node: claims the queued run, reads each of its streams through the connector from the
 * right checkpoint, and records how it ended. Never throws: every outcome ends up in {@code import_runs}.
 *
 * <p>The connection's configuration is read once, when the run starts on this node, and every stream of the run
 * reads with that copy: a {@code PUT /connections/{id}} meanwhile applies to the next run. A {@code resume} run,
 * and a run that continues after waiting for its daily quota, start again and so read the configuration as it is
 * then, which is what lets an admin fix a rejected API key and resume.
 */
final class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportRunDao runs;
    private final CheckpointDao checkpoints;
    private final RecordCountDao recordCounts;
    private final RecordSink sink;
    private final ConnectionStates states;
    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final UpstreamClients upstreams;
    private final CheckpointCodec checkpointCodec;
    private final String node;
    private final NodeSignals signals;
    private final ImportMetrics metrics;
    private final ActiveReads reads;
    private final Clock clock;

    ImportRunner(ImportRunDao runs, CheckpointDao checkpoints, RecordCountDao recordCounts, RecordSink sink,
                 ConnectionStates states, ConnectionService connections, PluginRegistry plugins,
                 UpstreamClients upstreams, CheckpointCodec checkpointCodec, String node, NodeSignals signals, ImportMetrics metrics,
                 ActiveReads reads, Clock clock) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.recordCounts = recordCounts;
        this.sink = sink;
        this.states = states;
        this.connections = connections;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.checkpointCodec = checkpointCodec;
        this.node = node;
        this.signals = signals;
        this.metrics = metrics;
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * Runs a queued run to its end.
     *
     * @return how it ended, or empty when it was not queued (cancelled meanwhile, or claimed by another node)
     *         or was taken from this node while it ran
     */
    Optional<Outcome> run(long runId) {
        if (!runs.start(runId, node)) {
            LOG.info("Run {} is no longer queued or waiting; not starting it", runId);
            return Optional.empty();
        }
        RunRow run = runs.find(runId).orElseThrow();
        metrics.runStarted();
        Optional<Outcome> outcome = Optional.empty();
        try {
            outcome = execute(run);
            return outcome;
        } finally {
            metrics.runStopped();
            outcome.filter(ended -> !ended.status().isActive()).ifPresent(ended -> countEnd(run, ended.status()));
        }
    }

    private Optional<Outcome> execute(RunRow run) {
        long runId = run.id();
        try {
            Outcome outcome = readStreams(run);
            boolean recorded = outcome.status() == RunStatus.WAITING
                    ? runs.park(runId, outcome.resumeAt(), outcome.error())
                    : runs.finish(runId, outcome.status(), outcome.error());
            if (!recorded) {
                return Optional.empty();
            }
            LOG.info("Run {} of connection {} {} {}{}", runId, run.connectionId(),
                    outcome.status() == RunStatus.WAITING ? "is" : "ended", outcome.status().code(),
                    outcome.error() == null ? "" : ": " + outcome.error());
            return Optional.of(outcome);
        } catch (RunNotOwnedException e) {
            LOG.warn("Run {} was taken from this node while it ran; leaving it to its new owner", runId);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("Run {} failed unexpectedly", runId, e);
            runs.finish(runId, RunStatus.FAILED, "internal error: " + e);
            return Optional.of(Outcome.failed("internal error: " + e));
        }
    }

    /** Counts a run that ended, timed from its first start to its end as the database recorded both. */
    private void countEnd(RunRow run, RunStatus status) {
        try {
            String connection = connections.find(run.connectionId()).map(Connection::name)
                    .orElse(Long.toString(run.connectionId()));
            RunRow ended = runs.find(run.id()).orElseThrow();
            Duration took = ended.startedAt() == null || ended.finishedAt() == null ? Duration.ZERO
                    : Duration.between(ended.startedAt(), ended.finishedAt());
            metrics.runEnded(connection, status, took);
        } catch (RuntimeException e) {
            // the run's outcome is recorded; only its metrics are lost
            LOG.warn("Run {} ended {} but could not be counted in the metrics", run.id(), status.code(), e);
        }
    }

    private Outcome readStreams(RunRow run) {
        Optional<Connection> found = connections.find(run.connectionId());
        if (found.isEmpty()) {
            return Outcome.failed("connection " + run.connectionId() + " was deleted");
        }
        Connection connection = found.get();
        Optional<LoadedConnector> loaded = plugins.connector(connection.pluginId());
        if (loaded.isEmpty()) {
            return Outcome.failed(plugins.availability(connection.pluginId()).message());
        }
        LoadedConnector connector = loaded.get();
        ConnectorConfig config;
        try {
            config = connections.upstreamConfig(connection, connector.spec().config());
        } catch (InflowException e) {
            return Outcome.failed(e.code() + ": " + e.getMessage());
        }
        UpstreamClient http = upstreams.forConnection(connection.upstreamCaller(), connector,
                new RunWaits(run.id(), runs, signals, reads));
        for (RunStreamRow stream : runs.streams(run.id())) {
            if (stream.status() == StreamStatus.SUCCEEDED) {
                continue;
            }
            Outcome outcome = readStream(run, connector, connection, config, http, stream,
                    metrics.stream(connection.name(), stream.stream()));
            if (outcome.status() != RunStatus.SUCCEEDED) {
                return outcome;
            }
        }
        return Outcome.SUCCEEDED;
    }

    private Outcome readStream(RunRow run, LoadedConnector connector, Connection connection, ConnectorConfig config,
                               UpstreamClient http, RunStreamRow streamRow, ImportMetrics.StreamRecords counted) {
        String stream = streamRow.stream();
        ScanStart scan = startingCheckpoint(run, streamRow, connection, connector);
        Checkpoint start = scan.checkpoint();
        StreamWrite write = new StreamWrite(connection.id(), run.id(), node, stream, scan.scanId(),
                connection.deletes());
        runs.startStream(run.id(), stream);
        if (streamRow.modeIn(run.mode()) == RunMode.FULL && start.isEmpty()) {
            estimateFromStoredRecords(run.id(), connection.id(), stream);
        }
        System.Logger log = new PluginLogger(connector.pluginId(),
                "connection " + connection.id() + " run " + run.id() + " stream " + stream);
        ActiveRead watched = reads.begin(run.id(), stream);
        HostReadContext context = new HostReadContext(write, config, http, log, sink,
                runs, signals::stopping, counted, watched::progressed, states.of(connection.id()),
                clock);
        try {
            readAndStore(watched, connector, stream, start, context);
            if (context.isCancelled()) {
                // it returned because it was asked to stop, not because the scan is complete
                return stopped(run.id(), stream);
            }
            completeStream(write, counted);
            return Outcome.SUCCEEDED;
        } catch (ReadAbortedException e) {
            return aborted(run.id(), stream, e.abort);
        } catch (ReadCancelledException e) {
            return stopped(run.id(), stream);
        } catch (QuotaExhaustedException e) {
            return new Outcome(RunStatus.WAITING, e.getMessage(), e.windowOpens());
        } catch (RunNotOwnedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return interrupted(run.id(), stream);
        } catch (ConnectorException e) {
            return failStream(write, e.getMessage(), null);
        } catch (IOException e) {
            if (signals.stopping()) {
                return interrupted(run.id(), stream);
            }
            return failStream(write, "could not read from the upstream: " + e.getMessage(), null);
        } catch (RuntimeException | LinkageError e) {
            return failStream(write, "the connector failed: " + e, e);
        }
    }

    /**
     * Reads, then waits until everything the connector committed is stored, whichever way the read ended: pages
     * committed before a failure are kept, with their checkpoint, so a resume starts after them.
     */
    private void readAndStore(ActiveRead watched, LoadedConnector connector, String stream, Checkpoint start,
                              HostReadContext context) throws IOException, InterruptedException {
        Throwable primary = null;
        try {
            readWatched(watched, connector, stream, start, context);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            try {
                context.finish();
            } catch (RuntimeException e) {
                if (primary == null) {
                    throw e;
                }
                if (e != primary) {
                    primary.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Reads while the {@link RunWatchdog} may interrupt the thread; whatever the connector did when it was aborted
     * (returned, threw, or threw something else for the interrupt) becomes a {@link ReadAbortedException}.
     */
    private void readWatched(ActiveRead watched, LoadedConnector connector, String stream, Checkpoint start,
                             HostReadContext context) throws IOException, InterruptedException {
        try {
            try {
                connector.callUpstream(plugin -> {
                    plugin.read(stream, start, context);
                    return null;
                });
            } finally {
                reads.end(watched);
            }
        } catch (IOException | InterruptedException | RuntimeException | LinkageError e) {
            throwIfAborted(watched);
            throw e;
        }
        throwIfAborted(watched);
    }

    private static void throwIfAborted(ActiveRead watched) {
        if (watched.aborted()) {
            throw new ReadAbortedException(watched.abortion());
        }
    }

    /** A read the watchdog interrupted: cancelled as asked, or failed because it stalled. */
    private Outcome aborted(long runId, String stream, ActiveRead.Abort abort) {
        if (abort.cancelled()) {
            runs.finishStream(runId, stream, StreamStatus.CANCELLED);
            return new Outcome(RunStatus.CANCELLED, null);
        }
        LOG.warn("Run {} failed: {}", runId, abort.message());
        runs.finishStream(runId, stream, StreamStatus.FAILED);
        return Outcome.failed(abort.message());
    }

    /** A read stopped by the watchdog. */
    private static final class ReadAbortedException extends RuntimeException {
        private final transient ActiveRead.Abort abort;

        ReadAbortedException(ActiveRead.Abort abort) {
            super(null, null, false, false);
            this.abort = abort;
        }
    }

    /** A read that stopped early: interrupted when this node is stopping, else cancelled by a person. */
    private Outcome stopped(long runId, String stream) {
        if (signals.stopping()) {
            return interrupted(runId, stream);
        }
        runs.finishStream(runId, stream, StreamStatus.CANCELLED);
        return new Outcome(RunStatus.CANCELLED, null);
    }

    private Outcome interrupted(long runId, String stream) {
        runs.finishStream(runId, stream, StreamStatus.FAILED);
        return new Outcome(RunStatus.INTERRUPTED, "node " + node + " stopped while this run was reading " + stream);
    }

    /**
     * A stream whose read failed. An upstream's answer the connector explained, or an upstream that could not be
     * reached, is expected: one line says it. Anything else is a bug somewhere, logged with its stack trace.
     *
     * @param unexpected what the connector threw when it was not an expected failure, else null
     */
    private Outcome failStream(StreamWrite write, String message, Throwable unexpected) {
        String stream = write.stream();
        if (unexpected == null) {
            LOG.warn("Run {} of connection {} failed reading stream {}: {}", write.runId(), write.connectionId(),
                    stream, message);
        } else {
            LOG.warn("Run {} of connection {} failed reading stream {}: {}", write.runId(), write.connectionId(),
                    stream, message, unexpected);
        }
        runs.finishStream(write.runId(), stream, StreamStatus.FAILED);
        return Outcome.failed("stream " + stream + ": " + message);
    }

    /**
     * Marks the stream read and its scan complete, in one transaction; a scan that reconciles marks deleted, in the
     * same transaction, what it did not see.
     */
    private void completeStream(StreamWrite write, ImportMetrics.StreamRecords counted) {
        long started = System.nanoTime();
        OptionalInt reconciled = sink.completeStream(write);
        if (reconciled.isEmpty()) {
            LOG.warn("Run {} did not reconcile stream {} of connection {} (scan {}): the ids the scan noted as seen "
                    + "were lost (PostgreSQL empties its unlogged tables after a crash), so nothing is marked deleted; "
                    + "the next complete full scan will", write.runId(), write.stream(), write.connectionId(),
                    write.scanId());
        } else if (write.scanId() != null) {
            int deleted = reconciled.getAsInt();
            counted.countDeleted(deleted);
            LOG.info("Run {} reconciled stream {} of connection {} (scan {}): {} records {} in {} ms", write.runId(),
                    write.stream(), write.connectionId(), write.scanId(), deleted,
                    write.deletes() == Deletes.HARD ? "removed" : "marked deleted",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** Until the connector says, a full read of a stream is expected to find as many records as it holds. */
    private void estimateFromStoredRecords(long runId, long connectionId, String stream) {
        long stored = recordCounts.count(connectionId, stream);
        if (stored > 0) {
            runs.estimateTotal(runId, stream, stored);
        }
    }

    /**
     * Where a stream's read starts, and the scan it belongs to.
     * <ul>
     *   <li>A resume, or a run that continues after waiting for its quota, continues the scan left unfinished
     *       from its position; a stream it never reached starts as its mode says.</li>
     *   <li>A full read starts from nothing.</li>
     *   <li>An incremental read continues a scan left unfinished, or else starts from the last completed scan's
     *       watermark, or from nothing when there is none.</li>
     * </ul>
     * A scan that starts from nothing on a stream whose full scans are complete reconciles: its id (this run's) is
     * kept with the checkpoint, so the runs that continue it stamp what they see with it. A continued scan keeps
     * its id; a read from the watermark reconciles nothing.
     */
    private ScanStart startingCheckpoint(RunRow run, RunStreamRow streamRow, Connection connection,
                                         LoadedConnector connector) {
        String stream = streamRow.stream();
        long connectionId = connection.id();
        RunMode mode = streamRow.modeIn(run.mode());
        Optional<CheckpointRow> row = checkpoints.find(connectionId, stream);
        Optional<String> position = row.map(CheckpointRow::position);
        boolean continuing = run.trigger() == RunTrigger.RESUME || streamRow.wasStarted();
        if (continuing && position.isPresent()) {
            return new ScanStart(checkpointCodec.decode(position.get()), row.get().scanId());
        }
        if (position.isPresent() && mode == RunMode.INCREMENTAL) {
            return new ScanStart(checkpointCodec.decode(position.get()), row.get().scanId());
        }
        Optional<String> watermark = row.map(CheckpointRow::watermark);
        if (mode == RunMode.INCREMENTAL && watermark.isPresent()) {
            return new ScanStart(checkpointCodec.decode(watermark.get()), null);
        }
        Long scanId = connector.fullScanIsComplete(connection.config(), stream) ? run.id() : null;
        if (row.isPresent() || scanId != null) {
            checkpoints.forgetSeen(connectionId, stream);
            checkpoints.startScan(connectionId, stream, scanId);
        }
        return new ScanStart(Checkpoint.empty(), scanId);
    }

    /** Where a read starts, and the id of the reconciling scan it belongs to (null when it reconciles nothing). */
    private record ScanStart(Checkpoint checkpoint, Long scanId) {
    }

    /**
     * How a run ended on this node, or that it waits until {@code resumeAt}.
     */
    record Outcome(RunStatus status, String error, java.time.Instant resumeAt) {
        static final Outcome SUCCEEDED = new Outcome(RunStatus.SUCCEEDED, null, null);

        Outcome(RunStatus status, String error) {
            this(status, error, null);
        }

        static Outcome failed(String error) {
            return new Outcome(RunStatus.FAILED, error);
        }
    }
}
