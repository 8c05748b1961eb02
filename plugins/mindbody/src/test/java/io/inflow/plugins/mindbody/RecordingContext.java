package io.inflow.plugins.mindbody;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ReadContext;
import io.inflow.api.UpstreamClient;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A read's host side that keeps every batch in order, so a test can see what was committed when, run something
 * between two pages (change a record upstream, move a clock), or cancel the read after some pages; and every line
 * the connector logs.
 */
final class RecordingContext implements ReadContext {

    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final List<Batch> batches = new ArrayList<>();
    private final Map<Integer, Runnable> afterPage = new LinkedHashMap<>();
    private final List<String> logLines = new ArrayList<>();
    private final System.Logger log = new LinesLogger(logLines);
    private int cancelAfter = Integer.MAX_VALUE;
    private Long estimated;

    RecordingContext(ConnectorConfig config, UpstreamClient http) {
        this.config = config;
        this.http = http;
    }

    /** Runs {@code action} once the {@code page}-th batch (from 1) is committed. */
    RecordingContext afterPage(int page, Runnable action) {
        afterPage.put(page, action);
        return this;
    }

    /** Reports the read as cancelled once {@code pages} batches are committed. */
    RecordingContext cancelAfter(int pages) {
        cancelAfter = pages;
        return this;
    }

    @Override
    public void commit(Batch batch) {
        batches.add(batch);
        Runnable action = afterPage.get(batches.size());
        if (action != null) {
            action.run();
        }
    }

    @Override
    public void estimateTotal(long records) {
        estimated = records;
    }

    @Override
    public boolean isCancelled() {
        return batches.size() >= cancelAfter;
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

    List<Batch> batches() {
        return batches;
    }

    List<Record> records() {
        List<Record> records = new ArrayList<>();
        batches.forEach(batch -> records.addAll(batch.records()));
        return records;
    }

    List<RejectedRecord> rejected() {
        List<RejectedRecord> rejected = new ArrayList<>();
        batches.forEach(batch -> rejected.addAll(batch.rejected()));
        return rejected;
    }

    /** How many times each external id was committed. */
    Map<String, Integer> commitsById() {
        Map<String, Integer> commits = new LinkedHashMap<>();
        records().forEach(record -> commits.merge(record.externalId(), 1, Integer::sum));
        return commits;
    }

    Checkpoint lastCheckpoint() {
        return batches.get(batches.size() - 1).checkpoint();
    }

    Long estimated() {
        return estimated;
    }

    void forEach(Consumer<Record> action) {
        records().forEach(action);
    }

    /** What the connector logged, formatted, oldest first. */
    List<String> logLines() {
        return logLines;
    }

    /** Keeps every line a connector logs, formatted as the host's logger would. */
    private record LinesLogger(List<String> lines) implements System.Logger {

        @Override
        public String getName() {
            return "io.inflow.plugins.mindbody.test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(message);
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
            lines.add(params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params));
        }
    }
}
