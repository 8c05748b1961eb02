package io.inflow.examples.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** Imports the notes of a Notes API account: one stream, incremental on each note's updatedAt. */
@Extension
public final class NotesConnector implements Connector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ConnectorSpec SPEC = ConnectorSpec.of(
                    "Notes",
                    ConfigSchema.of(
                            ConfigField.string("baseUrl").asRequired().withDescription("The Notes API's address"),
                            ConfigField.string("token").asRequired().asSecret().withDescription("An API token")),
                    Limits.perSecond(10).withPageSize(50))
            .withDescription("Notes from the Notes API, one stream.")
            .withStreams("notes");

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public void check(ConnectorContext context) throws IOException, InterruptedException {
        page(context, "1970-01-01T00:00:00Z", null);
    }

    @Override
    public void read(String stream, Checkpoint checkpoint, ReadContext context)
            throws IOException, InterruptedException {
        String since = checkpoint.get("since").orElse("1970-01-01T00:00:00Z");
        String cursor = checkpoint.get("cursor").orElse(null);
        String latest = checkpoint.get("latest").orElse(since);
        while (!context.isCancelled()) {
            JsonNode page = page(context, since, cursor);
            List<Record> records = new ArrayList<>();
            for (JsonNode note : page.path("notes")) {
                String updatedAt = note.path("updatedAt").asText();
                records.add(Record.of(stream, note.path("id").asText(), JSON.writeValueAsString(note))
                        .withSourceUpdatedAt(Instant.parse(updatedAt)));
                if (updatedAt.compareTo(latest) > 0) {
                    latest = updatedAt;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            Checkpoint next = cursor == null
                    ? Checkpoint.of("since", latest)
                    : Checkpoint.of("since", since).with("cursor", cursor).with("latest", latest);
            context.commit(Batch.of(records, next));
            if (cursor == null) {
                return;
            }
        }
    }

    private static JsonNode page(ConnectorContext context, String since, String cursor)
            throws IOException, InterruptedException {
        String url = context.config().requireString("baseUrl") + "/notes?since="
                + URLEncoder.encode(since, StandardCharsets.UTF_8)
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + context.config().requireString("token"))
                .build();
        return context.http().fetch(request, NotesConnector::body);
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        if (response.statusCode() == 401) {
            throw new ConnectorException("the Notes API refused the token: check the connection's token");
        }
        if (response.statusCode() != 200) {
            throw new ConnectorException("the Notes API answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
