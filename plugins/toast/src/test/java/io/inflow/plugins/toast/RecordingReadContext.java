package io.inflow.plugins.toast;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadContext;
import io.inflow.api.UpstreamClient;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A read context that keeps every batch with the checkpoint before and after it, can run a hook after each
 * commit (to move a clock, expire tokens upstream, ...) and can ask the connector to stop after some commits.
 */
final class RecordingReadContext implements ReadContext {

    /** A committed batch and the checkpoint the read stood at when it asked for it. */
    record Committed(Batch batch, Checkpoint before) {}

    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final List<Committed> committed = new ArrayList<>();
    private IntConsumer afterCommit = commits -> { };
    private int cancelAfter = Integer.MAX_VALUE;
    private Checkpoint current;

    RecordingReadContext(ConnectorConfig config, UpstreamClient http, Checkpoint start) {
        this.config = config;
        this.http = http;
        this.current = start;
    }

    /** Runs after each commit with the number of commits so far. */
    RecordingReadContext afterCommit(IntConsumer hook) {
        this.afterCommit = hook;
        return this;
    }

    /** Says the run was cancelled once this many batches were committed. */
    RecordingReadContext cancelAfter(int commits) {
        this.cancelAfter = commits;
        return this;
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
        return System.getLogger("io.inflow.plugins.toast.test");
    }

    @Override
    public void commit(Batch batch) {
        committed.add(new Committed(batch, current));
        current = batch.checkpoint();
        afterCommit.accept(committed.size());
    }

    @Override
    public void estimateTotal(long records) {
        // not shown in tests
    }

    @Override
    public boolean isCancelled() {
        return committed.size() >= cancelAfter;
    }

    List<Committed> committed() {
        return List.copyOf(committed);
    }

    Checkpoint lastCheckpoint() {
        return current;
    }

    /** Every record committed, in order, repeats included. */
    List<Record> records() {
        List<Record> records = new ArrayList<>();
        committed.forEach(each -> records.addAll(each.batch().records()));
        return records;
    }

    /** The records by external id, the later commit winning, as the host would keep them. */
    Map<String, Record> stored() {
        Map<String, Record> stored = new LinkedHashMap<>();
        records().forEach(record -> stored.put(record.externalId(), record));
        return stored;
    }

    /** Every deletion committed, in order, repeats included. */
    List<String> deleted() {
        List<String> deleted = new ArrayList<>();
        committed.forEach(each -> deleted.addAll(each.batch().deleted()));
        return deleted;
    }

    long rejected() {
        return committed.stream().mapToLong(each -> each.batch().rejected().size()).sum();
    }
}
