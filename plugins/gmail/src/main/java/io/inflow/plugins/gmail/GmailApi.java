package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calls Inflow makes to the Gmail API v1, and the translation of its answers. Every call goes through the
 * host's client, which waits for the rate limit and retries 429s, 5xx, broken connections and unreadable
 * answers. Gmail also signals its per-user quota with 403 {@code userRateLimitExceeded}, which the host does
 * not retry by itself: the readers here turn it into an {@link IOException} so that it is retried the same
 * way. A 401 means the access token died early: it is exchanged again and the call repeated once.
 */
final class GmailApi {

    /** Messages per listing page, and so per committed batch: 100 gets, 2 seconds at Gmail's default quota. */
    static final int PAGE_SIZE = 100;
    /** The id listing that scopes an incremental read to the configured query asks for Gmail's maximum. */
    static final int ID_PAGE_SIZE = 500;
    static final List<String> METADATA_HEADERS = List.of("From", "To", "Subject", "Date");
    /** The changes an incremental read asks the history for: all four kinds Gmail has. */
    static final List<String> HISTORY_TYPES = List.of("messageAdded", "messageDeleted", "labelAdded", "labelRemoved");

    private final UpstreamClient http;
    private final String usersUrl;
    private final GoogleAuth auth;

    GmailApi(UpstreamClient http, String baseUrl, String userId, GoogleAuth auth) {
        this.http = http;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.usersUrl = base + "/gmail/v1/users/" + encode(userId);
        this.auth = auth;
    }

    /** The API as the connection configures it; access tokens are renewed by the host's clock. */
    static GmailApi of(ConnectorContext context) {
        GmailSettings settings = GmailSettings.of(context.config());
        GoogleAuth auth = new GoogleAuth(context.http(), settings.tokenUrl(), settings.clientId(), settings.clientSecret(),
                settings.refreshToken(), context.clock());
        return new GmailApi(context.http(), settings.baseUrl(), settings.userId(), auth);
    }

    GoogleAuth auth() {
        return auth;
    }

    /** {@code users.getProfile}: the mailbox's address, totals and current history id. */
    JsonNode profile() throws IOException, InterruptedException {
        return call("/profile", List.of(), response -> success(response, "the mailbox's profile"));
    }

    /** {@code users.labels.list}: every label, system and user, in one answer. */
    JsonNode labels() throws IOException, InterruptedException {
        JsonNode body = call("/labels", List.of(), response -> success(response, "the list of labels"));
        JsonNode labels = body.path("labels");
        if (!labels.isArray() && !labels.isMissingNode()) {
            throw new IOException("Gmail answered the list of labels without a 'labels' array");
        }
        return labels;
    }

    /** The answer to a listing: a page of message ids, or word that the page token is not (or no longer) valid. */
    sealed interface Listing permits Page, InvalidPageToken {
    }

    record Page(List<String> ids, Optional<String> nextPageToken, long resultSizeEstimate) implements Listing {
    }

    record InvalidPageToken(String message) implements Listing {
    }

    /** {@code users.messages.list}: one page of the ids in scope, newest first. */
    Listing listMessages(Scope scope, String pageToken, int pageSize) throws IOException, InterruptedException {
        List<String[]> params = new ArrayList<>();
        params.add(new String[] {"maxResults", Integer.toString(pageSize)});
        scope.query().ifPresent(q -> params.add(new String[] {"q", q}));
        scope.labelIds().forEach(label -> params.add(new String[] {"labelIds", label}));
        if (scope.includeSpamTrash()) {
            params.add(new String[] {"includeSpamTrash", "true"});
        }
        if (pageToken != null) {
            params.add(new String[] {"pageToken", pageToken});
        }
        return call("/messages", params, response -> {
            if (pageToken != null && isInvalidPageToken(response)) {
                return new InvalidPageToken(googleMessage(Json.parseQuietly(response.body())));
            }
            JsonNode body = success(response, "the list of messages");
            List<String> ids = new ArrayList<>();
            for (JsonNode message : body.path("messages")) {
                JsonNode id = message.path("id");
                if (!id.isTextual() || id.asText().isEmpty()) {
                    throw new IOException("Gmail listed a message without an id");
                }
                ids.add(id.asText());
            }
            return new Page(ids, text(body.path("nextPageToken")), body.path("resultSizeEstimate").asLong(ids.size()));
        });
    }

    /** {@code users.messages.get} in the metadata format; empty when the message is gone (deleted since it was listed). */
    Optional<JsonNode> getMessage(String id) throws IOException, InterruptedException {
        List<String[]> params = new ArrayList<>();
        params.add(new String[] {"format", "metadata"});
        METADATA_HEADERS.forEach(header -> params.add(new String[] {"metadataHeaders", header}));
        return call("/messages/" + encode(id), params, response -> {
            if (isNotFound(response)) {
                return Optional.empty();
            }
            return Optional.of(success(response, "message " + id));
        });
    }

    /** The answer to a history call: a page of changes, word that the start is too old, or a dead page token. */
    sealed interface HistoryAnswer permits HistoryPage, HistoryExpired, InvalidHistoryToken {
    }

    /** {@code history} is the page's records (maybe none); {@code historyId} the mailbox's current one. */
    record HistoryPage(JsonNode history, Optional<String> nextPageToken, String historyId) implements HistoryAnswer {
    }

    record HistoryExpired() implements HistoryAnswer {
    }

    record InvalidHistoryToken(String message) implements HistoryAnswer {
    }

    /** {@code users.history.list} of the changes that matter to the messages stream, after {@code startHistoryId}. */
    HistoryAnswer history(String startHistoryId, String pageToken) throws IOException, InterruptedException {
        List<String[]> params = new ArrayList<>();
        params.add(new String[] {"startHistoryId", startHistoryId});
        params.add(new String[] {"maxResults", Integer.toString(PAGE_SIZE)});
        HISTORY_TYPES.forEach(type -> params.add(new String[] {"historyTypes", type}));
        if (pageToken != null) {
            params.add(new String[] {"pageToken", pageToken});
        }
        return call("/history", params, response -> {
            if (isNotFound(response)) {
                return new HistoryExpired();
            }
            if (pageToken != null && isInvalidPageToken(response)) {
                return new InvalidHistoryToken(googleMessage(Json.parseQuietly(response.body())));
            }
            JsonNode body = success(response, "the mailbox's history");
            Optional<String> historyId = text(body.path("historyId"));
            if (historyId.isEmpty() || !historyId.get().chars().allMatch(Character::isDigit)) {
                throw new IOException("Gmail answered a history page without a numeric historyId");
            }
            JsonNode history = body.path("history");
            if (!history.isMissingNode() && !history.isArray()) {
                throw new IOException("Gmail answered a history page whose 'history' is not an array");
            }
            return new HistoryPage(history, text(body.path("nextPageToken")), historyId.get());
        });
    }

    private interface Reading<T> {
        T read(HttpResponse<String> response) throws IOException;
    }

    /** What a reader made of an answer, or that the access token was refused. */
    private record Answer<T>(T value, String refused) {
    }

    /**
     * Calls the API with a valid access token; after a 401 it exchanges the refresh token for a new access token
     * and calls once more. A second 401 means the credentials themselves are wrong.
     */
    private <T> T call(String path, List<String[]> params, Reading<T> reading) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(usersUrl).append(path);
        for (int i = 0; i < params.size(); i++) {
            url.append(i == 0 ? '?' : '&').append(encode(params.get(i)[0])).append('=').append(encode(params.get(i)[1]));
        }
        URI uri = URI.create(url.toString());
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + auth.accessToken())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            Answer<T> answer = http.fetch(request, response -> response.statusCode() == 401
                    ? new Answer<>(null, detail(response))
                    : new Answer<>(reading.read(response), null));
            if (answer.refused() == null) {
                return answer.value();
            }
            if (attempt >= 2) {
                throw new ConnectorException("Gmail refused a freshly issued access token" + answer.refused()
                        + ": check that the refresh token was granted the https://www.googleapis.com/auth/gmail.readonly "
                        + "scope for this Google account");
            }
            auth.invalidate();
        }
    }

    /**
     * The body of a 200 answer; an unparsable body is an {@link IOException}, which the host retries, and so is
     * Gmail's 403 quota answer. Any other answer is explained as a {@link ConnectorException}.
     */
    private static JsonNode success(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return Json.parse(response.body(), "Gmail (" + what + ")");
        }
        JsonNode body = Json.parseQuietly(response.body());
        String reason = reason(body);
        if ((status == 403 || status == 429) && reason != null && reason.toLowerCase().contains("ratelimitexceeded")) {
            throw new IOException("Gmail's per-user quota refused " + what + detail(response) + "; retrying");
        }
        String detail = detail(response);
        throw switch (status) {
            case 400 -> new ConnectorException("Gmail refused the request for " + what + detail
                    + ": check the connection's query and labelIds (label ids such as INBOX or Label_12, not names)");
            case 403 -> new ConnectorException(forbidden(reason, what, detail));
            case 404 -> new ConnectorException("Gmail answered 404 for " + what + detail
                    + ": check the connection's baseUrl (normally https://gmail.googleapis.com) and userId");
            default -> new ConnectorException("Gmail refused the request for " + what + detail);
        };
    }

    private static String forbidden(String reason, String what, String detail) {
        if ("insufficientPermissions".equals(reason)) {
            return "Gmail refused " + what + detail + ": the refresh token lacks the "
                    + "https://www.googleapis.com/auth/gmail.readonly scope; authorize Inflow again with it";
        }
        if ("accessNotConfigured".equals(reason) || "SERVICE_DISABLED".equals(reason)) {
            return "Gmail refused " + what + detail + ": enable the Gmail API in the Google Cloud project of the OAuth client";
        }
        return "Gmail refused " + what + detail + ": check the connection's userId ('me', or the address of the "
                + "account that authorized Inflow)";
    }

    /** Gmail's own 404 ("Requested entity was not found."), not a front end's page for a wrong address. */
    private static boolean isNotFound(HttpResponse<String> response) {
        return response.statusCode() == 404 && "notFound".equals(reason(Json.parseQuietly(response.body())));
    }

    private static boolean isInvalidPageToken(HttpResponse<String> response) {
        return response.statusCode() == 400
                && String.valueOf(googleMessage(Json.parseQuietly(response.body()))).toLowerCase().contains("pagetoken");
    }

    /** {@code " (HTTP 403 reason: message)"}, from Google's error body when there is one. */
    private static String detail(HttpResponse<String> response) {
        JsonNode body = Json.parseQuietly(response.body());
        String reason = reason(body);
        String message = googleMessage(body);
        return " (HTTP " + response.statusCode() + (reason == null ? "" : " " + reason)
                + (message == null ? "" : ": " + message) + ")";
    }

    private static String reason(JsonNode body) {
        JsonNode reason = body.path("error").path("errors").path(0).path("reason");
        if (reason.isTextual()) {
            return reason.asText();
        }
        JsonNode status = body.path("error").path("status");
        return status.isTextual() ? status.asText() : null;
    }

    private static String googleMessage(JsonNode body) {
        JsonNode message = body.path("error").path("message");
        return message.isTextual() ? message.asText() : null;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
