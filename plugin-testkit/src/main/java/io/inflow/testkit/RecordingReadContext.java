package io.inflow.testkit;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.ReadContext;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The test host's side of one read of one stream, as Inflow's server plays it, that records everything the
 * connector hands over and can be told to misbehave the way a host does. Get one from
 * {@link TestHost#readContext(String, Checkpoint)}, set it up, then run the read with {@link TestHost#read} (or hand
 * it to {@code connector.read} yourself).
 *
 * <p>Like the server's, it stores every batch committed (in the host's {@link InMemoryStore}), keeps the batch's
 * checkpoint as the stream's ({@link TestHost#checkpoint}), and refuses a record of another stream. It records:
 * <ul>
 *   <li>every commit: its batch (records, rejected records, deletions, checkpoint), the checkpoint before it and the
 *       upstream requests the read had sent by then ({@link #commits()}, {@link #records()}, ...);</li>
 *   <li>every {@link #estimateTotal} ({@link #estimates()}) and every line logged ({@link #logLines()});</li>
 *   <li>the upstream requests of this read alone ({@link #requests()}).</li>
 * </ul>
 * It can be told to:
 * <ul>
 *   <li>cancel the read: after some commits ({@link #cancelAfter}), or from any callback or thread
 *       ({@link #cancel()}). From then on {@link #isCancelled()} is true, and a commit is still stored but throws
 *       {@link ReadCancelledException}, as the server's does;</li>
 *   <li>fail a commit ({@link #failCommit}): that commit stores nothing and throws {@link CommitFailedException}, as
 *       the server's does when storing fails, and so does every commit after it;</li>
 *   <li>run something between pages ({@link #afterCommit}, {@link #afterEachCommit}) or between requests
 *       ({@link #afterRequest}): change records upstream, move the clock, cancel.</li>
 * </ul>
 * Its {@link #clock()} is the host's {@link TestClock}. Commit from the thread that runs the read; {@link #cancel()}
 * may come from any thread.
 */
public final class RecordingReadContext implements ReadContext {

    /**
     * One batch the host stored.
     *
     * @param number its place in the read, from 1
     * @param batch what the connector committed
     * @param before the checkpoint stored before it: where a read that had to start again would start
     * @param requests the upstream requests this read had sent when it was committed
     */
    public record Commit(int number, Batch batch, Checkpoint before, long requests) {
    }

    /**
     * When a read was cancelled.
     *
     * @param commits the batches stored by then
     * @param requests the upstream requests the read had sent by then
     */
    public record Cancellation(int commits, long requests) {
    }

    /** What a commit that the host failed to store throws: see {@link #failCommit}. */
    public static final class CommitFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CommitFailedException(String message) {
            super(message);
        }
    }

    private final String stream;
    private final Checkpoint start;
    private final TestHost host;
    private final TestUpstreamClient http;
    private final System.Logger log;
    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final List<Commit> commits = new ArrayList<>();
    private final List<Long> estimates = new ArrayList<>();
    private final Map<Integer, List<Runnable>> afterCommit = new HashMap<>();
    private final Map<Long, List<Runnable>> afterRequest = new HashMap<>();
    private IntConsumer afterEachCommit = commits -> { };
    private int cancelAfter = Integer.MAX_VALUE;
    private int failingCommit = Integer.MAX_VALUE;
    private volatile Cancellation cancellation;
    private CommitFailedException failure;
    private Checkpoint current;
    private long inserted;
    private long updated;
    private long unchanged;
    private long failed;
    private long deleted;
    private final Set<String> seen = new HashSet<>();

    RecordingReadContext(TestHost host, String stream, Checkpoint start) {
        this.host = host;
        this.stream = stream;
        this.start = start;
        this.current = start;
        this.http = host.http().forRead(this::isCancelled, this::requested);
        this.log = new LinesLogger("io.inflow.testkit." + stream, logLines);
    }

    /** Cancels the read once {@code commits} batches are stored (the last of them returns normally). */
    public RecordingReadContext cancelAfter(int commits) {
        this.cancelAfter = commits;
        if (commits <= this.commits.size()) {
            cancel();
        }
        return this;
    }

    /**
     * Makes the {@code commit}-th commit (from 1) fail: it stores nothing, leaves the checkpoint where the commit before
     * left it, and throws {@link CommitFailedException}; so does every commit after it. A connector should let the
     * exception end its read.
     */
    public RecordingReadContext failCommit(int commit) {
        if (commit < 1) {
            throw new IllegalArgumentException("commits count from 1, not " + commit);
        }
        this.failingCommit = commit;
        return this;
    }

    /** Runs {@code action} once the {@code commit}-th batch (from 1) is stored, before that commit returns. */
    public RecordingReadContext afterCommit(int commit, Runnable action) {
        afterCommit.computeIfAbsent(commit, number -> new ArrayList<>()).add(action);
        return this;
    }

    /** Runs {@code action} with the number of batches stored so far, each time one is, before its commit returns. */
    public RecordingReadContext afterEachCommit(IntConsumer action) {
        this.afterEachCommit = action;
        return this;
    }

    /** Runs {@code action} once this read's {@code request}-th upstream request (from 1) is answered or failed. */
    public RecordingReadContext afterRequest(long request, Runnable action) {
        afterRequest.computeIfAbsent(request, number -> new ArrayList<>()).add(action);
        return this;
    }

    /** Cancels the read now, as a person or a stopping node would; the first call counts. Any thread. */
    public synchronized void cancel() {
        if (cancellation == null) {
            cancellation = new Cancellation(commits.size(), http.requests());
        }
    }

    @Override
    public ConnectorConfig config() {
        return host.config();
    }

    /** The host's client, counting this read's requests apart. */
    @Override
    public TestUpstreamClient http() {
        return http;
    }

    /** A logger that keeps every line (see {@link #logLines()}) and passes it on to the platform's. */
    @Override
    public System.Logger log() {
        return log;
    }

    /** The host's connection state, shared by its reads and checks. */
    @Override
    public ConnectionState state() {
        return host.state();
    }

    /** The host's clock, for the test to move. */
    @Override
    public TestClock clock() {
        return host.clock();
    }

    @Override
    public void commit(Batch batch) {
        boolean cancelledBefore = cancellation != null;
        for (Record record : batch.records()) {
            if (!record.stream().equals(stream)) {
                throw new IllegalArgumentException("a read of stream '" + stream + "' committed a record of stream '"
                        + record.stream() + "'");
            }
        }
        int number = commits.size() + 1;
        if (failure != null || number >= failingCommit) {
            if (failure == null) {
                failure = new CommitFailedException("the host failed to store batch " + number + " of stream "
                        + stream + " (RecordingReadContext.failCommit)");
            }
            throw failure;
        }
        store(batch);
        commits.add(new Commit(number, batch, current, http.requests()));
        current = batch.checkpoint();
        host.committed(stream, current);
        if (number >= cancelAfter) {
            cancel();
        }
        afterCommit.getOrDefault(number, List.of()).forEach(Runnable::run);
        afterEachCommit.accept(number);
        if (cancelledBefore) {
            throw new ReadCancelledException();
        }
    }

    private void store(Batch batch) {
        InMemoryStore store = host.store();
        for (Record record : batch.records()) {
            seen.add(record.externalId());
            switch (store.put(record)) {
                case INSERTED -> inserted++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        for (RejectedRecord rejected : batch.rejected()) {
            store.reject(rejected);
            if (rejected.externalId() != null) {
                seen.add(rejected.externalId());
            }
            failed++;
        }
        for (String externalId : batch.deleted()) {
            seen.remove(externalId);
            if (store.delete(stream, externalId)) {
                deleted++;
            }
        }
    }

    @Override
    public void estimateTotal(long records) {
        estimates.add(records);
    }

    @Override
    public boolean isCancelled() {
        return cancellation != null;
    }

    private void requested(long count) {
        afterRequest.getOrDefault(count, List.of()).forEach(Runnable::run);
    }

    /** The stream read. */
    public String stream() {
        return stream;
    }

    /** The checkpoint the read starts from. */
    public Checkpoint start() {
        return start;
    }

    /** The batches stored, in order, with what came with them. */
    public List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** The batches stored, in order. */
    public List<Batch> batches() {
        return commits.stream().map(Commit::batch).toList();
    }

    /** The last checkpoint stored, or the start when nothing was: where the next read of the stream starts. */
    public Checkpoint lastCheckpoint() {
        return current;
    }

    /** Every record stored, in order, repeats included. */
    public List<Record> records() {
        List<Record> records = new ArrayList<>();
        commits.forEach(commit -> records.addAll(commit.batch().records()));
        return records;
    }

    /** The records stored by external id, in the order first stored, the later commit of an id winning. */
    public Map<String, Record> stored() {
        Map<String, Record> stored = new LinkedHashMap<>();
        records().forEach(record -> stored.put(record.externalId(), record));
        return stored;
    }

    /** How many times each external id was stored, in the order first stored. */
    public Map<String, Integer> commitsById() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        records().forEach(record -> counts.merge(record.externalId(), 1, Integer::sum));
        return counts;
    }

    /** Every record the connector could not map, in order. */
    public List<RejectedRecord> rejected() {
        List<RejectedRecord> rejected = new ArrayList<>();
        commits.forEach(commit -> rejected.addAll(commit.batch().rejected()));
        return rejected;
    }

    /** Every deletion reported, in order, repeats included. */
    public List<String> deleted() {
        List<String> ids = new ArrayList<>();
        commits.forEach(commit -> ids.addAll(commit.batch().deleted()));
        return ids;
    }

    /** Every total the connector estimated, in order. */
    public List<Long> estimates() {
        return List.copyOf(estimates);
    }

    /** The upstream requests this read sent so far. */
    public long requests() {
        return http.requests();
    }

    /** When the read was cancelled; empty while it was not. */
    public Optional<Cancellation> cancellation() {
        return Optional.ofNullable(cancellation);
    }

    /** The exception the failed commit threw ({@link #failCommit}); empty while none failed. */
    public Optional<CommitFailedException> commitFailure() {
        return Optional.ofNullable(failure);
    }

    /** What the connector logged, formatted, oldest first. */
    public List<String> logLines() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }

    /** What the stored batches did to the host's store. */
    public ReadResult result() {
        return new ReadResult(inserted, updated, unchanged, failed, deleted, commits.size());
    }

    /** The ids this read stored or rejected and did not then report deleted: what a reconcile keeps. */
    Set<String> seen() {
        return seen;
    }

    /** Keeps every line a connector logs, formatted, and passes it on. */
    private static final class LinesLogger implements System.Logger {

        private final System.Logger platform;
        private final List<String> lines;

        LinesLogger(String name, List<String> lines) {
            this.platform = System.getLogger(name);
            this.lines = lines;
        }

        @Override
        public String getName() {
            return platform.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
            platform.log(level, bundle, message, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            String line = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            lines.add(line);
            platform.log(level, bundle, line, (Throwable) null);
        }
    }
}
