package io.inflow.plugins.toast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.ResponseReader;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The calls Inflow makes to Toast, and the translation of its answers. Every call goes through the host's client,
 * which waits for the rate limit and retries 429s, 5xx, broken connections and unreadable answers; what reaches
 * the readers here is an answer that means something.
 *
 * <p>Data calls carry a bearer token from Toast's machine-client login and the restaurant's GUID in
 * {@code Toast-Restaurant-External-ID}. The token is reused until shortly before it expires; when Toast refuses
 * it anyway (401: expired early or revoked) the call logs in again and is sent once more.
 */
final class ToastApi {

    static final int MAX_PAGE_SIZE = 100;
    static final String RESTAURANT_HEADER = "Toast-Restaurant-External-ID";
    static final String LOGIN_PATH = "/authentication/v1/authentication/login";
    static final String ORDERS_BULK_PATH = "/orders/v2/ordersBulk";
    /** When a login answer does not say how long its token lives; a refused token costs one more login anyway. */
    private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    /** Money and other decimals are kept exactly as Toast wrote them ({@code 70.60} stays {@code 70.60}). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final UpstreamClient http;
    private final Clock clock;
    private final AccessTokens tokens;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String restaurantGuid;
    private final String tokenKey;

    private ToastApi(UpstreamClient http, Clock clock, AccessTokens tokens, String baseUrl, String clientId,
                     String clientSecret, String restaurantGuid) {
        this.http = http;
        this.clock = clock;
        this.tokens = tokens;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.restaurantGuid = restaurantGuid;
        this.tokenKey = AccessTokens.key(this.baseUrl, clientId, clientSecret);
    }

    /** The API as the connection configures it; tokens are renewed, and scans end, by the host's clock. */
    static ToastApi of(ConnectorContext context, AccessTokens tokens) {
        return new ToastApi(context.http(), context.clock(), tokens,
                context.config().requireString(ToastConnector.BASE_URL),
                context.config().requireString(ToastConnector.CLIENT_ID),
                context.config().requireString(ToastConnector.CLIENT_SECRET),
                context.config().requireString(ToastConnector.RESTAURANT_GUID));
    }

    static ObjectMapper json() {
        return JSON;
    }

    /**
     * One page of the orders modified in {@code [start, end)}, in Toast's order.
     *
     * @param orders the page's orders, as Toast sent them
     * @param nextPage the page to read next, or empty when this was the window's last
     */
    record Page(List<JsonNode> orders, OptionalInt nextPage) {}

    Page ordersBulk(Instant start, Instant end, int page, int pageSize) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("startDate", ToastTimes.format(start));
        params.put("endDate", ToastTimes.format(end));
        params.put("pageSize", Integer.toString(pageSize));
        params.put("page", Integer.toString(page));
        String what = "the orders modified from " + params.get("startDate") + " to " + params.get("endDate")
                + ", page " + page;
        return authorized(uri(ORDERS_BULK_PATH, params), what, response -> readPage(response, what, page, pageSize));
    }

    /** One order by its GUID, to replay a dead letter. */
    JsonNode order(String guid) throws IOException, InterruptedException {
        String what = "order " + guid;
        return authorized(uri("/orders/v2/orders/" + encode(guid), Map.of()), what, response -> {
            if (response.statusCode() == 404) {
                throw new ConnectorException("Toast has no order " + guid + " at restaurant " + restaurantGuid
                        + detail(response));
            }
            return body(response, what);
        });
    }

    /** Proves the credentials reach the restaurant's orders: a login and one order of the last minute, if any. */
    void probe() throws IOException, InterruptedException {
        Instant now = clock.instant();
        ordersBulk(now.minus(Duration.ofMinutes(1)), now, 1, 1);
    }

    /** An answer, or word that Toast refused the token it carried. */
    private record Answer<T>(T value, boolean tokenRefused) {}

    private <T> T authorized(URI uri, String what, ResponseReader<T> reader) throws IOException, InterruptedException {
        String token = token();
        Answer<T> answer = http.fetch(get(uri, token), response -> answer(response, reader));
        if (!answer.tokenRefused()) {
            return answer.value();
        }
        tokens.forget(tokenKey, token);
        answer = http.fetch(get(uri, login()), response -> answer(response, reader));
        if (answer.tokenRefused()) {
            throw new ConnectorException("Toast refused an access token it had just issued when asked for " + what
                    + "; check that the client credentials are still active in Toast Web (Integrations > Toast API "
                    + "access > Manage credentials)");
        }
        return answer.value();
    }

    private static <T> Answer<T> answer(HttpResponse<String> response, ResponseReader<T> reader) throws IOException {
        if (response.statusCode() == 401) {
            return new Answer<>(null, true);
        }
        return new Answer<>(reader.read(response), false);
    }

    private String token() throws IOException, InterruptedException {
        var usable = tokens.usable(tokenKey, clock.instant());
        return usable.isPresent() ? usable.get().value() : login();
    }

    private String login() throws IOException, InterruptedException {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("clientId", clientId);
        credentials.put("clientSecret", clientSecret);
        credentials.put("userAccessType", "TOAST_MACHINE_CLIENT");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + LOGIN_PATH))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(credentials)))
                .build();
        AccessTokens.Token token = http.fetch(request, this::readLogin);
        tokens.remember(tokenKey, token);
        return token.value();
    }

    private AccessTokens.Token readLogin(HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            JsonNode token = JSON.readTree(response.body()).path("token");
            JsonNode value = token.path("accessToken");
            if (!value.isTextual() || value.asText().isEmpty()) {
                throw new ConnectorException("Toast's login answered without an access token; check the baseUrl, "
                        + baseUrl + ", is Toast's API address");
            }
            JsonNode expiresIn = token.path("expiresIn");
            Duration lifetime = expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                    ? Duration.ofSeconds(expiresIn.asLong()) : ASSUMED_LIFETIME;
            Instant now = clock.instant();
            return new AccessTokens.Token(value.asText(), now, now.plus(lifetime));
        }
        if (status == 429 || status >= 500) {
            throw transientFailure(response, "logging in");
        }
        throw switch (status) {
            case 400, 401, 403 -> new ConnectorException("Toast refused the client credentials" + detail(response)
                    + "; check the connection's clientId and clientSecret: Standard API access credentials from Toast "
                    + "Web (Integrations > Toast API access > Manage credentials)");
            case 404 -> new ConnectorException("Toast has no login at " + baseUrl + LOGIN_PATH + detail(response)
                    + "; check the connection's baseUrl (the API access URL of the credentials)");
            default -> unexpected(response, "logging in");
        };
    }

    private Page readPage(HttpResponse<String> response, String what, int page, int pageSize) throws IOException {
        JsonNode body = body(response, what);
        if (!body.isArray()) {
            throw new ConnectorException("Toast answered " + what + " with JSON that is not an array of orders");
        }
        List<JsonNode> orders = new ArrayList<>(body.size());
        body.forEach(orders::add);
        List<String> links = response.headers().allValues("Link");
        if (links.isEmpty()) {
            // without links to follow, a full page may have a next one and a short page is the last
            return new Page(orders, orders.size() >= pageSize ? OptionalInt.of(page + 1) : OptionalInt.empty());
        }
        var next = Links.find(links, "next");
        if (next.isEmpty() || orders.isEmpty()) {
            return new Page(orders, OptionalInt.empty());
        }
        OptionalInt nextPage = Links.page(next.get());
        if (nextPage.isEmpty() || nextPage.getAsInt() <= page) {
            throw new ConnectorException("Toast's link to the page after " + what + " does not name a later page: "
                    + next.get());
        }
        return new Page(orders, nextPage);
    }

    /**
     * The body of a 200 answer; an unparsable body is an {@link IOException}, which the host retries. Any other
     * answer is explained as a {@link ConnectorException}, or an {@link IOException} when it is a 429 or 5xx
     * that outlasted the host's retries.
     */
    private JsonNode body(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return JSON.readTree(response.body());
        }
        if (status == 429 || status >= 500) {
            throw transientFailure(response, "asking for " + what);
        }
        throw switch (status) {
            case 400 -> new ConnectorException("Toast refused the request for " + what + detail(response)
                    + "; check the connection's startDate");
            case 403 -> new ConnectorException("Toast denied access to restaurant " + restaurantGuid + detail(response)
                    + "; check the connection's restaurantGuid and that the credentials were granted the orders:read "
                    + "scope for this location");
            case 404 -> new ConnectorException("Toast answered 404 for " + what + detail(response)
                    + "; check the connection's baseUrl, " + baseUrl);
            default -> unexpected(response, "asking for " + what);
        };
    }

    /** A 429 or 5xx that outlasted the host's retries: the upstream may answer later, so a resume may succeed. */
    private static IOException transientFailure(HttpResponse<String> response, String doing) {
        return new IOException("Toast kept answering HTTP " + response.statusCode() + " when " + doing
                + detail(response));
    }

    private static ConnectorException unexpected(HttpResponse<String> response, String doing) {
        return new ConnectorException("Toast answered HTTP " + response.statusCode() + " when " + doing
                + detail(response));
    }

    /** " (HTTP 403 10003: message)" from Toast's ErrorMessage, or just the status. */
    private static String detail(HttpResponse<String> response) {
        JsonNode error = parseQuietly(response.body());
        String code = error.path("code").isNumber() ? " " + error.path("code").asText() : "";
        String message = error.path("message").isTextual() ? ": " + error.path("message").asText() : "";
        return " (HTTP " + response.statusCode() + code + message + ")";
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header(RESTAURANT_HEADER, restaurantGuid)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private URI uri(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
