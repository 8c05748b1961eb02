package io.inflow.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.inflow.server.events.EventFrame;
import io.inflow.server.events.EventRenderer;
import io.inflow.server.store.EventRow;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunSnapshotRow;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.SchedulerStateRow;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of events: the run, scheduler or plugin exactly as the API's own answers show them. A run event's row
 * and streams were stored as they were when it happened, so its run tells the truth of that moment.
 */
public final class EventData implements EventRenderer {

    static final String RUN_SNAPSHOT = "run.snapshot";
    static final String RESET = "reset";

    private final ObjectMapper json;
    /** Reads the rows the database stored with {@code to_jsonb}: snake_case columns, lowercase enum codes. */
    private final ObjectMapper rows;
    private final ObjectReader streams;
    private final SchedulerViews schedulers;

    EventData(ObjectMapper json, SchedulerViews schedulers) {
        this.json = json;
        this.rows = json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.streams = rows.readerForListOf(RunStreamRow.class);
        this.schedulers = schedulers;
    }

    @Override
    public EventFrame event(EventRow event) {
        JsonNode data = tree(event.data());
        Object rendered;
        if (event.type().startsWith("run.")) {
            rendered = new RunEvent(event.type(), event.at(), run(data, event.at()));
        } else if (event.type().startsWith("scheduler.")) {
            rendered = new SchedulerEvent(event.type(), event.at(),
                    schedulers.of(value(data.path("scheduler"), SchedulerStateRow.class)));
        } else {
            rendered = new PluginEvent(event.type(), event.at(), data.path("node").asText(null), data.path("plugin"));
        }
        return new EventFrame(event.id(), event.type(), event.runId(), write(rendered));
    }

    @Override
    public EventFrame snapshot(RunSnapshotRow snapshot, Instant at) {
        RunView run = run(tree(snapshot.data()), at);
        return new EventFrame(snapshot.position(), RUN_SNAPSHOT, run.id(), write(new RunEvent(RUN_SNAPSHOT, at, run)));
    }

    @Override
    public EventFrame reset(long id, Instant at, long resumeFrom, long prunedThrough) {
        String reason = resumeFrom < prunedThrough
                ? "the events after " + resumeFrom + " are no longer kept (events through " + prunedThrough
                  + " were pruned); read the state afresh"
                : "there is no event " + resumeFrom + " on this server; read the state afresh";
        return new EventFrame(id, RESET, null, write(new ResetEvent(RESET, at, resumeFrom, reason)));
    }

    /** A run as a run event stored it (its row and its streams' rows), as the API shows it at {@code at}. */
    RunView run(JsonNode data, Instant at) {
        RunRow run = value(data.path("run"), RunRow.class);
        try {
            List<RunStreamRow> rowsOfStreams = streams.readValue(data.path("streams"));
            return RunView.of(run, rowsOfStreams, at);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T value(JsonNode node, Class<T> type) {
        try {
            return rows.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stored JSON, read with the database's names. */
    JsonNode tree(String text) {
        try {
            return rows.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
