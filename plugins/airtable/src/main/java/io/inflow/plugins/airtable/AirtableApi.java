package io.inflow.plugins.airtable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calls Inflow makes to the Airtable Web API, and the translation of its answers. Every call goes through
 * the host's client, which waits for the rate limit and retries 429s, 5xx, broken connections and unreadable
 * answers; what reaches the readers here is an answer that means something.
 */
final class AirtableApi {

    static final int MAX_PAGE_SIZE = 100;
    static final String ITERATOR_EXPIRED = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE";
    static final String INVALID_OFFSET = "INVALID_OFFSET_VALUE";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamClient http;
    private final String baseUrl;
    private final String token;
    private final String baseId;

    private AirtableApi(UpstreamClient http, String baseUrl, String token, String baseId) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.baseId = baseId;
    }

    static AirtableApi of(ConnectorContext context) {
        return new AirtableApi(context.http(), context.config().requireString(AirtableConnector.BASE_URL),
                context.config().requireString(AirtableConnector.API_TOKEN),
                context.config().requireString(AirtableConnector.BASE_ID));
    }

    /** The answer to a list-records call: a page, or word that the page token expired. */
    sealed interface Listing permits Page, IteratorExpired {
    }

    /** One page of a list-records call; the records come in the order the query asks for. */
    record Page(List<RawRecord> records, Optional<String> offset, Optional<Instant> serverTime) implements Listing {
    }

    /** A record of a page: its tree, and its text exactly as the page held it (the payload stored, unprinted). */
    record RawRecord(JsonNode tree, String text) {
    }

    /**
     * Airtable no longer knows the page token (it expired, or Airtable calls it invalid, as a token kept in a
     * checkpoint may be after a long while): the scan must start again.
     */
    record IteratorExpired(String message) implements Listing {
    }

    /** The query of a scan: the same for every page of it, as Airtable requires. */
    record Query(String filterByFormula, String sortField) {
    }

    Listing listRecords(String table, Query query, String offset) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pageSize", Integer.toString(MAX_PAGE_SIZE));
        if (query.filterByFormula() != null) {
            params.put("filterByFormula", query.filterByFormula());
        }
        params.put("sort[0][field]", query.sortField());
        params.put("sort[0][direction]", "asc");
        if (offset != null) {
            params.put("offset", offset);
        }
        return http.fetch(request(tablePath(table), params), response -> {
            String type = response.statusCode() == 422 ? errorType(response.body()) : null;
            if (ITERATOR_EXPIRED.equals(type) || (offset != null && INVALID_OFFSET.equals(type))) {
                return new IteratorExpired(type + ": " + errorMessage(response.body()));
            }
            if (response.statusCode() != 200) {
                successBody(response, table); // explains the refusal
            }
            return page(response.body(), table, serverTime(response));
        });
    }

    /**
     * A page read as it streams: each record's tree for the mapper and its text cut from the body, so no record
     * is printed again. A body that is not JSON throws the parser's {@link IOException}, which the host retries.
     */
    static Page page(String body, String table, Optional<Instant> serverTime) throws IOException {
        List<RawRecord> records = null;
        Optional<String> offset = Optional.empty();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Airtable answered a page that is not a JSON object for table " + table);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("records") && value == JsonToken.START_ARRAY) {
                    records = new ArrayList<>(MAX_PAGE_SIZE);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        JsonNode tree = parser.readValueAsTree();
                        int end = (int) parser.currentLocation().getCharOffset();
                        records.add(new RawRecord(tree, body.substring(start, end)));
                    }
                } else if (field.equals("offset") && value == JsonToken.VALUE_STRING) {
                    offset = Optional.of(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (records == null) {
            throw new IOException("Airtable answered a page without a 'records' array for table " + table);
        }
        return new Page(records, offset, serverTime);
    }

    /** One record by id, for replaying a dead letter. */
    JsonNode getRecord(String table, String recordId) throws IOException, InterruptedException {
        return http.fetch(request(tablePath(table) + "/" + encode(recordId), Map.of()),
                response -> successBody(response, table));
    }

    /** Reads one record of a table, to prove the token reaches it. */
    void probe(String table) throws IOException, InterruptedException {
        http.fetch(request(tablePath(table), Map.of("pageSize", "1", "maxRecords", "1")),
                response -> successBody(response, table));
    }

    private String tablePath(String table) {
        return "/v0/" + encode(baseId) + "/" + encode(table);
    }

    private HttpRequest request(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    /**
     * The body of a 200 answer; an unparsable body is an {@link IOException}, which the host retries. Any other
     * answer is explained as a {@link ConnectorException}.
     */
    private JsonNode successBody(HttpResponse<String> response, String table) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return JSON.readTree(response.body());
        }
        String type = errorType(response.body());
        String message = errorMessage(response.body());
        String detail = " (HTTP " + status + (type == null ? "" : " " + type) + (message == null ? "" : ": " + message) + ")";
        throw switch (status) {
            case 401 -> new ConnectorException("Airtable rejected the API token" + detail
                    + "; check the connection's apiToken");
            case 403 -> new ConnectorException("Airtable denied access to base " + baseId + detail
                    + "; check the baseId and that the token was granted this base with the data.records:read scope");
            case 404 -> new ConnectorException("Airtable has no table '" + table + "' (or no such record) in base "
                    + baseId + detail);
            case 429 -> new ConnectorException("Airtable kept rate-limiting base " + baseId + detail
                    + "; it locks a base for 30 seconds after an excess");
            default -> new ConnectorException("Airtable refused the request for table " + table + detail);
        };
    }

    /** Airtable's clock, from the {@code Date} header: the reference for "modified after" filters. */
    private static Optional<Instant> serverTime(HttpResponse<?> response) {
        return response.headers().firstValue("Date").flatMap(date -> {
            try {
                return Optional.of(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code error.type} of an error body, or the {@code error} string of the short form, or null. */
    private static String errorType(String body) {
        JsonNode root = parseQuietly(body);
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode type = error.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        JsonNode first = root.path("errors").path(0).path("error");
        return first.isTextual() ? first.asText() : null;
    }

    private static String errorMessage(String body) {
        JsonNode root = parseQuietly(body);
        JsonNode message = root.path("error").path("message");
        if (message.isTextual()) {
            return message.asText();
        }
        message = root.path("errors").path(0).path("message");
        return message.isTextual() ? message.asText() : null;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static ObjectMapper json() {
        return JSON;
    }
}
