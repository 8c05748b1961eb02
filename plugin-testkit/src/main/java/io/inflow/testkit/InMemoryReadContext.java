package io.inflow.testkit;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadContext;
import io.inflow.api.UpstreamClient;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The test host's side of one read: stores batches in memory, keeps the last checkpoint, never cancels. */
final class InMemoryReadContext implements ReadContext {

    private final String stream;
    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final InMemoryStore store;
    private final ConnectionState state;
    private final System.Logger log = System.getLogger("io.inflow.testkit");
    private Checkpoint lastCheckpoint;
    private long inserted;
    private long updated;
    private long unchanged;
    private long failed;
    private long deleted;
    private long batches;
    private final Set<String> seen = new HashSet<>();

    InMemoryReadContext(String stream, ConnectorConfig config, UpstreamClient http, InMemoryStore store,
                        ConnectionState state) {
        this.stream = stream;
        this.config = config;
        this.http = http;
        this.store = store;
        this.state = state;
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
    public ConnectionState state() {
        return state;
    }

    @Override
    public void commit(Batch batch) {
        for (Record record : batch.records()) {
            if (!record.stream().equals(stream)) {
                throw new IllegalArgumentException("a read of stream '" + stream + "' committed a record of stream '"
                        + record.stream() + "'");
            }
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
        batches++;
        lastCheckpoint = batch.checkpoint();
    }

    @Override
    public void estimateTotal(long records) {
        // nothing to show in a test
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    Optional<Checkpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /** The ids this read stored or rejected and did not then report deleted: what a reconcile keeps. */
    Set<String> seen() {
        return seen;
    }

    ReadResult result() {
        return new ReadResult(inserted, updated, unchanged, failed, deleted, batches);
    }
}
