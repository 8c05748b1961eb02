package io.inflow.server.jobs;

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
import java.util.function.BooleanSupplier;

/** The host's side of one read: a stream of one run of one connection. Used by one thread. */
final class HostReadContext implements ReadContext {

    private final RunTarget target;
    private final String stream;
    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final System.Logger log;
    private final RecordSink sink;
    private final ImportRunDao runs;
    private final BooleanSupplier nodeStopping;
    private final ImportMetrics.StreamRecords counted;
    private final Runnable progressed;
    private boolean cancelRequested;

    HostReadContext(RunTarget target, String stream, ConnectorConfig config, UpstreamClient http, System.Logger log,
                    RecordSink sink, ImportRunDao runs, BooleanSupplier nodeStopping,
                    ImportMetrics.StreamRecords counted, Runnable progressed) {
        this.target = target;
        this.stream = stream;
        this.config = config;
        this.http = http;
        this.log = log;
        this.sink = sink;
        this.runs = runs;
        this.nodeStopping = nodeStopping;
        this.counted = counted;
        this.progressed = progressed;
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
    public void commit(Batch batch) {
        for (Record record : batch.records()) {
            if (!record.stream().equals(stream)) {
                throw new IllegalArgumentException("a read of stream '" + stream + "' committed a record of stream '"
                        + record.stream() + "'");
            }
        }
        CommitOutcome outcome = sink.commit(target.connectionId(), target.runId(), target.node(), stream, batch);
        counted.count(outcome);
        progressed.run();
        cancelRequested |= outcome.cancelRequested();
        if (isCancelled()) {
            throw new ReadCancelledException();
        }
    }

    @Override
    public void estimateTotal(long records) {
        if (records >= 0) {
            runs.estimateTotal(target.runId(), stream, records);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested || nodeStopping.getAsBoolean();
    }
}
