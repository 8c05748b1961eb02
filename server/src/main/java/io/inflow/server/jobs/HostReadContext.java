package io.inflow.server.jobs;

import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.ReadContext;
import io.inflow.api.UpstreamClient;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.store.CommitOutcome;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RecordSink;
import io.inflow.server.store.StorableBatches;
import io.inflow.server.store.StreamLoad;
import io.inflow.server.store.StreamWrite;
import io.inflow.server.store.RunNotOwnedException;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The host's side of one read: a stream of one run of one connection. The connector calls it from its reading
 * thread; a {@link BatchWriter} stores what it commits, in order, while it reads on, and {@link #finish} waits for
 * the last of it.
 */
final class HostReadContext implements ReadContext {

    /**
     * Pages that may wait to be stored while the connector reads on: a little memory buys overlap, and enough
     * small pages (Airtable's are 100 records) to fill a transaction of {@link #MAX_RECORDS_PER_TRANSACTION}.
     */
    static final int MAX_WAITING_BATCHES = 24;
    /** The most records stored in one transaction when pages wait (a page is never split). */
    static final int MAX_RECORDS_PER_TRANSACTION = 2_000;

    private final StreamWrite write;
    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final System.Logger log;
    private final RecordSink sink;
    private final ImportRunDao runs;
    private final BooleanSupplier nodeStopping;
    private final ImportMetrics.StreamRecords counted;
    private final Runnable progressed;
    private final ConnectionState state;
    private final Clock clock;
    private final StorableBatches storable;
    private final BatchWriter writer;
    private volatile boolean cancelRequested;

    HostReadContext(StreamWrite write, ConnectorConfig config, UpstreamClient http, System.Logger log,
                    RecordSink sink, ImportRunDao runs, BooleanSupplier nodeStopping,
                    ImportMetrics.StreamRecords counted, Runnable progressed, ConnectionState state,
                    Clock clock) {
        this.write = write;
        this.config = config;
        this.http = http;
        this.log = log;
        this.sink = sink;
        this.runs = runs;
        this.nodeStopping = nodeStopping;
        this.counted = counted;
        this.progressed = progressed;
        this.state = state;
        this.clock = clock;
        this.storable = sink.preparer();
        StreamLoad load = new StreamLoad();
        this.writer = new BatchWriter("inflow-writer run " + write.runId() + " " + write.stream(),
                batches -> sink.commit(write, batches, load),
                this::stored, MAX_WAITING_BATCHES, MAX_RECORDS_PER_TRANSACTION);
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public UpstreamClient http() {
        return http;
    }

    @Override
    public System.Logger log() {
        return log;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The connection's state: written at once, not with the batches (see {@link ConnectionState}). */
    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public void commit(Batch batch) {
        for (Record record : batch.records()) {
            if (!record.stream().equals(write.stream())) {
                throw new IllegalArgumentException("a read of stream '" + write.stream() + "' committed a record of stream '"
                        + record.stream() + "'");
            }
        }
        try {
            writer.submit(storable.of(write.stream(), batch));
        } catch (InterruptedException e) {
            // the watchdog aborts a read this way: stop reading, the runner tells why
            Thread.currentThread().interrupt();
            throw new ReadCancelledException();
        }
        if (isCancelled()) {
            throw new ReadCancelledException();
        }
    }

    /**
     * Ends the read: waits until every batch committed is stored.
     *
     * @throws RuntimeException what storing a batch failed with, e.g. {@link RunNotOwnedException}
     */
    void finish() {
        writer.finish();
    }

    /** On the writer's thread, after each transaction. */
    private void stored(CommitOutcome outcome) {
        counted.count(outcome);
        progressed.run();
        if (outcome.cancelRequested()) {
            cancelRequested = true;
        }
    }

    @Override
    public void estimateTotal(long records) {
        if (records >= 0) {
            runs.estimateTotal(write.runId(), write.stream(), records);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested || nodeStopping.getAsBoolean();
    }
}
