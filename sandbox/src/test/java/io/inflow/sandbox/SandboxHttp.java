package io.inflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP calls against a running sandbox, as a connector would make them. */
public final class SandboxHttp {

    public static final String TOKEN = SandboxOptions.DEFAULT_TOKEN;
    public static final String TABLE_PATH = "/airtable/v0/appClinicConversations/Conversations";
    public static final String ARCHIVE_TABLE_PATH = "/airtable/v0/appClinicArchive/Conversations";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    public SandboxHttp(Sandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, TOKEN);
    }

    /** With {@code Authorization: Bearer <token>}, or no such header when token is null. */
    public HttpResponse<String> get(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, TOKEN);
    }

    public HttpResponse<String> post(String path, String json, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(String method, String path) {
        return send(request(path, TOKEN).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Lists the table with these query parameters, given as alternating names and raw values. */
    public HttpResponse<String> list(String... namesAndValues) {
        return get(TABLE_PATH + query(namesAndValues));
    }

    /** Follows offsets to the end of a scan; returns every page's body. */
    public List<JsonNode> listAll(String... namesAndValues) {
        return listAllIn(TABLE_PATH, namesAndValues);
    }

    /** Follows offsets to the end of a scan of the table at {@code tablePath}; returns every page's body. */
    public List<JsonNode> listAllIn(String tablePath, String... namesAndValues) {
        List<JsonNode> pages = new ArrayList<>();
        String offset = null;
        do {
            List<String> params = new ArrayList<>(List.of(namesAndValues));
            if (offset != null) {
                params.add("offset");
                params.add(offset);
            }
            HttpResponse<String> response = get(tablePath + query(params.toArray(String[]::new)));
            if (response.statusCode() != 200) {
                throw new AssertionError("page answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = json(response);
            pages.add(page);
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        } while (offset != null);
        return pages;
    }

    public static List<JsonNode> records(List<JsonNode> pages) {
        List<JsonNode> records = new ArrayList<>();
        pages.forEach(page -> page.get("records").forEach(records::add));
        return records;
    }

    public static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&')
                    .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
