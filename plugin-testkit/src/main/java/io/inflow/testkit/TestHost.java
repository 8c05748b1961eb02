package io.inflow.testkit;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a connector the way Inflow does, in memory and without a server: full and incremental reads of every
 * stream, records kept per stream and id with the same inserted / updated / unchanged logic as the host, the
 * deletions a connector reports and those a complete full scan reveals removed, and
 * the checkpoint of each completed scan kept as the next incremental start, and one connection's
 * {@link io.inflow.api.ConnectionState} kept across its reads and checks. Upstream calls go through a
 * {@link TestUpstreamClient} that keeps the connector's declared rate limit and counts its calls.
 */
public final class TestHost {

    private final Connector connector;
    private final ConnectorConfig config;
    private final TestUpstreamClient http;
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryConnectionState state = new InMemoryConnectionState();
    private final Map<String, Checkpoint> watermarks = new LinkedHashMap<>();

    public TestHost(Connector connector, ConnectorConfig config) {
        this.connector = connector;
        this.config = config;
        double rate = config.number("requestsPerSecond").orElse(connector.spec().limits().requestsPerSecond());
        this.http = new TestUpstreamClient(rate);
    }

    /**
     * Reads every stream from nothing; then, as the host does after a completed full scan, removes the records of
     * each stream whose full scans are complete ({@link Connector#fullScanIsComplete}) that the scan did not
     * return, counting them deleted.
     */
    public ReadResult fullImport() throws IOException, InterruptedException {
        ReadResult total = ReadResult.NONE;
        for (String stream : connector.streams(config)) {
            InMemoryReadContext context = readContext(stream, Checkpoint.empty());
            ReadResult result = context.result();
            if (connector.fullScanIsComplete(config, stream)) {
                result = result.withMoreDeleted(store.retainOnly(stream, context.seen()));
            }
            total = total.plus(result);
        }
        return total;
    }

    /** Reads every stream from its last completed scan's checkpoint. */
    public ReadResult incrementalImport() throws IOException, InterruptedException {
        ReadResult total = ReadResult.NONE;
        for (String stream : connector.streams(config)) {
            total = total.plus(read(stream, watermarks.getOrDefault(stream, Checkpoint.empty())));
        }
        return total;
    }

    /** Reads one stream from {@code checkpoint}; a completed scan's last checkpoint becomes its watermark. */
    public ReadResult read(String stream, Checkpoint checkpoint) throws IOException, InterruptedException {
        return readContext(stream, checkpoint).result();
    }

    private InMemoryReadContext readContext(String stream, Checkpoint checkpoint)
            throws IOException, InterruptedException {
        InMemoryReadContext context = new InMemoryReadContext(stream, config, http, store, state);
        connector.read(stream, checkpoint, context);
        context.lastCheckpoint().ifPresent(last -> watermarks.put(stream, last));
        return context;
    }

    /** The checkpoint the last completed scan of a stream left, where its next incremental read starts. */
    public Checkpoint watermark(String stream) {
        return watermarks.getOrDefault(stream, Checkpoint.empty());
    }

    /** Runs the connector's credentials check. */
    public void check() throws IOException, InterruptedException {
        connector.check(context());
    }

    public ConnectorContext context() {
        return new InMemoryReadContext("", config, http, store, state);
    }

    public List<String> streams() {
        return connector.streams(config);
    }

    public InMemoryStore store() {
        return store;
    }

    /** The connection's state, shared by every read and check of this host (as the server keeps it). */
    public InMemoryConnectionState state() {
        return state;
    }

    public TestUpstreamClient http() {
        return http;
    }
}
