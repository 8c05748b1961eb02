package io.inflow.plugins.airtable;

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

/**
 * A read's host side that keeps every batch in order, so a test can see what was committed when and run something
 * between two pages (change records upstream, move the sandbox's clock); and every line the connector logs.
 */
final class RecordingContext implements ReadContext {

    private final ConnectorConfig config;
    private final UpstreamClient http;
    private final List<Batch> batches = new ArrayList<>();
    private final Map<Integer, Runnable> afterPage = new LinkedHashMap<>();
    private final List<String> logLines = new ArrayList<>();

    RecordingContext(ConnectorConfig config, UpstreamClient http) {
        this.config = config;
        this.http = http;
    }

    /** Runs {@code action} once the {@code page}-th batch (from 1) is committed. */
    RecordingContext afterPage(int page, Runnable action) {
        afterPage.put(page, action);
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
    }

    @Override
    public boolean isCancelled() {
        return false;
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
        return new LinesLogger(logLines);
    }

    List<Batch> batches() {
        return batches;
    }

    List<Record> records() {
        List<Record> records = new ArrayList<>();
        batches.forEach(batch -> records.addAll(batch.records()));
        return records;
    }

    /** How many times each external id was committed, in the order first committed. */
    Map<String, Integer> commitsById() {
        Map<String, Integer> commits = new LinkedHashMap<>();
        records().forEach(record -> commits.merge(record.externalId(), 1, Integer::sum));
        return commits;
    }

    Checkpoint lastCheckpoint() {
        return batches.get(batches.size() - 1).checkpoint();
    }

    List<String> logLines() {
        return logLines;
    }

    /** Keeps every line a connector logs, formatted as the host's logger would. */
    private record LinesLogger(List<String> lines) implements System.Logger {

        @Override
        public String getName() {
            return "io.inflow.plugins.airtable.test";
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
