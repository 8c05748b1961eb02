package io.inflow.testkit;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectionState;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a connector the way Inflow does, in memory and without a server: full and incremental reads of every
 * stream, records kept per stream and id with the same inserted / updated / unchanged logic as the host, the
 * deletions a connector reports and those a complete full scan reveals removed, the last checkpoint committed for
 * each stream kept as where its next read starts, and one connection's {@link io.inflow.api.ConnectionState} kept
 * across its reads and checks. Upstream calls go through a {@link TestUpstreamClient} that keeps the connector's
 * declared rate limit, retries as the server does and counts its calls. Every read and check sees the host's
 * {@link TestClock}.
 *
 * <p>Each read goes through a {@link RecordingReadContext}: to watch one, cancel it or fail one of its commits,
 * make one with {@link #readContext} and run it with {@link #read(RecordingReadContext)}.
 */
public final class TestHost {

    private final Connector connector;
    private final ConnectorConfig config;
    private final TestClock clock;
    private final TestUpstreamClient http;
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryConnectionState state = new InMemoryConnectionState();
    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    /** A host whose clock keeps pace with the system's ({@link TestClock#realTime()}) until a test moves it. */
    public TestHost(Connector connector, ConnectorConfig config) {
        this(connector, config, TestClock.realTime());
    }

    /** A host whose connector reads the time from {@code clock}: share it with the upstream's fake. */
    public TestHost(Connector connector, ConnectorConfig config, TestClock clock) {
        this(connector, config, clock, TestUpstreamClient.Retries.DEFAULT);
    }

    private TestHost(Connector connector, ConnectorConfig config, TestClock clock, TestUpstreamClient.Retries retries) {
        this.connector = connector;
        this.config = config;
        this.clock = clock;
        double rate = config.number("requestsPerSecond").orElse(connector.spec().limits().requestsPerSecond());
        this.http = new TestUpstreamClient(rate, connector.spec().limits().lockout(), retries);
    }

    /**
     * A new host like this one, whose client gives up a call after {@code budget} without a usable answer (30
     * seconds by default): for a test of an upstream that keeps failing. Its store and state start empty.
     */
    public TestHost withRetryBudget(Duration budget) {
        return new TestHost(connector, config, clock, TestUpstreamClient.Retries.DEFAULT.withBudget(budget));
    }

    /**
     * Reads every stream from nothing; then, as the host does after a completed full scan, removes the records of
     * each stream whose full scans are complete ({@link Connector#fullScanIsComplete}) that the scan did not
     * return, counting them deleted.
     */
    public ReadResult fullImport() throws IOException, InterruptedException {
        ReadResult total = ReadResult.NONE;
        for (String stream : connector.streams(config)) {
            RecordingReadContext context = read(readContext(stream, Checkpoint.empty()));
            ReadResult result = context.result();
            if (connector.fullScanIsComplete(config, stream) && context.cancellation().isEmpty()) {
                result = result.withMoreDeleted(store.retainOnly(stream, context.seen()));
            }
            total = total.plus(result);
        }
        return total;
    }

    /** Reads every stream from its last checkpoint. */
    public ReadResult incrementalImport() throws IOException, InterruptedException {
        ReadResult total = ReadResult.NONE;
        for (String stream : connector.streams(config)) {
            total = total.plus(read(stream, checkpoint(stream)));
        }
        return total;
    }

    /** Reads one stream from {@code checkpoint}. */
    public ReadResult read(String stream, Checkpoint checkpoint) throws IOException, InterruptedException {
        return read(readContext(stream, checkpoint)).result();
    }

    /**
     * A context for one read of {@code stream} from {@code start}, storing into this host: set it up (cancel, fail a
     * commit, run something between pages), then run it with {@link #read(RecordingReadContext)}.
     */
    public RecordingReadContext readContext(String stream, Checkpoint start) {
        return new RecordingReadContext(this, stream, start);
    }

    /**
     * Runs the read {@code context} was made for. A read cancelled through its context ends when the connector returns
     * or lets {@link ReadCancelledException} through, as in the server; any other exception is thrown.
     *
     * @return {@code context}, for what it recorded
     */
    public RecordingReadContext read(RecordingReadContext context) throws IOException, InterruptedException {
        try {
            connector.read(context.stream(), context.start(), context);
        } catch (ReadCancelledException cancelled) {
            if (context.cancellation().isEmpty()) {
                throw cancelled;
            }
        }
        return context;
    }

    /**
     * The last checkpoint committed for a stream (empty before any): where its next read starts, a resume after an
     * interrupted read or an incremental one after a completed read, as the server keeps it.
     */
    public Checkpoint checkpoint(String stream) {
        return checkpoints.getOrDefault(stream, Checkpoint.empty());
    }

    /** The same as {@link #checkpoint}: after a completed scan, where the next incremental read starts. */
    public Checkpoint watermark(String stream) {
        return checkpoint(stream);
    }

    void committed(String stream, Checkpoint checkpoint) {
        checkpoints.put(stream, checkpoint);
    }

    /** Runs the connector's credentials check. */
    public void check() throws IOException, InterruptedException {
        connector.check(context());
    }

    /** A context for a check or a reread: the host's configuration, client, state and clock. */
    public ConnectorContext context() {
        return new CheckContext(this);
    }

    public List<String> streams() {
        return connector.streams(config);
    }

    public ConnectorConfig config() {
        return config;
    }

    public InMemoryStore store() {
        return store;
    }

    /** The connection's state, shared by every read and check of this host (as the server keeps it). */
    public InMemoryConnectionState state() {
        return state;
    }

    /** The clock every read and check of this host sees. */
    public TestClock clock() {
        return clock;
    }

    public TestUpstreamClient http() {
        return http;
    }

    private record CheckContext(TestHost host) implements ConnectorContext {

        @Override
        public ConnectorConfig config() {
            return host.config;
        }

        @Override
        public UpstreamClient http() {
            return host.http;
        }

        @Override
        public System.Logger log() {
            return System.getLogger("io.inflow.testkit");
        }

        @Override
        public ConnectionState state() {
            return host.state;
        }

        @Override
        public Clock clock() {
            return host.clock;
        }
    }
}
