package io.inflow.plugins.gmail;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadContext;
import io.inflow.api.UpstreamClient;
import io.inflow.api.record.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * A read's host side that keeps every committed batch and asks the read to stop once it has committed
 * {@code cancelAfter} of them, as a person cancelling an import would.
 */
final class RecordingContext implements ReadContext {

    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final int cancelAfter;
    private final List<Batch> batches = new ArrayList<>();

    RecordingContext(ConnectorConfig config, UpstreamClient http, int cancelAfter) {
        this.config = config;
        this.http = http;
        this.cancelAfter = cancelAfter;
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
        return System.getLogger("gmail-test");
    }

    @Override
    public void commit(Batch batch) {
        batches.add(batch);
    }

    @Override
    public void estimateTotal(long records) {
        // not shown in tests
    }

    @Override
    public boolean isCancelled() {
        return batches.size() >= cancelAfter;
    }

    List<Batch> batches() {
        return batches;
    }

    Batch last() {
        return batches.get(batches.size() - 1);
    }
}
