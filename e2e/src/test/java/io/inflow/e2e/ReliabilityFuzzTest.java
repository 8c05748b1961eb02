package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.server.auth.Roles;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability: thousands of generated bad requests against every route the server registers (found through
 * Jersey): malformed and oversized JSON, wrong types, unknown fields, unknown ids, path tricks, SQL and script
 * fragments in every string and query parameter, wrong methods and content types, with admin, viewer and no key.
 * None may answer 5xx or show a stack trace, every error is the API's JSON error (also those Jetty answers before
 * the API sees the request), and the data is unchanged.
 *
 * <p>Requests that could legitimately change something are not generated: an admin's call to a changing route
 * names either an id that does not exist, or an existing one with a body that is not JSON at all; an admin's
 * call to a changing route without an id and without a body (stop the scheduler, rescan the plugins) is sent
 * only with a viewer key or none.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag(Suites.RELIABILITY)
class ReliabilityFuzzTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final List<String> TABLES = List.of("connections", "records", "import_runs", "import_run_streams",
            "checkpoints", "dead_letters", "scheduler_state", "quota_usage");

    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "1; DROP TABLE records; --", "\" OR \"\"=\"", "') UNION SELECT md5('x') --",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}", "#{7*7}", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "\u0000", "%00", "\r\nX-Evil: 1",
            "\uD83D\uDE00\u202E\uFEFF", "ä ö ü ß 漢字", "-1", "9223372036854775808", "NaN", "", " ", "null", "true",
            "$(reboot)", "`id`", "x".repeat(10_000));
    private static final List<String> MALFORMED = List.of("{", "{\"a\":", "[1,2", "nul", "{\"name\":\"x\",}",
            "{\"a\":1}}", "{'single':'quotes'}", "\u0000\u0001\u0002", "{\"a\":\"\\uZZZZ\"}", "[".repeat(5_000),
            "{\"a\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}", "<xml/>", "a=b&c=d", "{\"a\":01}", "\"unterminated");
    private static final List<String> FIELDS = List.of("plugin", "name", "config", "mode", "notes", "cron", "timezone",
            "enabled", "ids", "stream", "token", "baseUrl", "limit", "position", "streams", "importOnStartup");
    /**
     * Hostile path values. A matrix parameter ({@code ;DROP}) is cut off by JAX-RS, so {@code 1;DROP} names
     * connection 1 itself: the trick is played on an id that does not exist, like the rest.
     */
    private static final List<String> PATH_VALUES = List.of("987654321", "0", "-1", "abc", "..", "%2e%2e",
            "%2e%2e%2f%2e%2e", "%00", "x".repeat(5_000), "%F0%9F%98%80", "%E2%80%AE", "1%27%20OR%20%271%27%3D%271",
            "%3Cscript%3E", "99999999999999999999999", "987654321;DROP", "%252e%252e", "1.5", "%20");
    private static final List<String> WRONG_METHODS = List.of("PATCH", "OPTIONS", "HEAD", "TRACE");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=bogus");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    private record Route(String method, String path, String role, boolean takesBody, List<String> queryParams) {
        boolean mutates() {
            return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
        }

        boolean hasId() {
            return path.contains("{");
        }
    }

    private record Sent(String method, String url, String key, String body, String contentType) {
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void thousandsOfBadRequestsGetNo5xxNoStackTraceAndChangeNothing() throws Exception {
        long connection = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "fuzzed", "requestsPerSecond", "1000"));
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        Map<String, String> before = snapshot();
        List<Route> routes = registeredRoutes();
        assertThat(routes).hasSizeGreaterThan(25);
        int requests = ReliabilityFigures.size("fuzzRequests", 500, 5_000);
        long seed = ReliabilityFigures.seed("fuzz");
        Random random = new Random(seed);

        Map<Integer, Integer> perStatus = new TreeMap<>();
        Map<String, Integer> perKind = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        int retriedOnAFreshConnection = 0;
        int answeredByJetty = 0;
        while (sent < requests) {
            Route route = routes.get(random.nextInt(routes.size()));
            String kind = pick(random, List.of("malformed", "oversized", "wrongTypes", "hostileStrings",
                    "unknownFields", "wrongContentType", "wrongMethod", "pathTrick", "hostileQuery"));
            Sent request = generate(random, route, kind, connection);
            if (request == null) {
                continue;
            }
            sent++;
            perKind.merge(kind, 1, Integer::sum);
            HttpResponse<String> response;
            try {
                response = send(HTTP, request);
            } catch (IOException stale) {
                // the pooled connection was closed by the server after an earlier answer that left its request's
                // body unread (a 401, 413...), or the answer was lost when the server closed a connection the client
                // was still writing a large body to (TCP resets it, and the answer in flight with it): the same
                // request on a connection of its own must be answered, at the latest at the third try
                retriedOnAFreshConnection++;
                response = null;
                IOException last = stale;
                for (int attempt = 0; attempt < 3 && response == null; attempt++) {
                    try {
                        response = send(HttpClient.newHttpClient(), request);
                    } catch (IOException e) {
                        last = e;
                    }
                }
                if (response == null) {
                    perStatus.merge(0, 1, Integer::sum);
                    if (problems.size() < 20) {
                        problems.add("no answer (" + last.getMessage() + ") <- " + describe(request));
                    }
                    continue;
                }
            }
            if (refusedBeforeTheApi(response)) {
                answeredByJetty++;
            }
            perStatus.merge(response.statusCode(), 1, Integer::sum);
            String problem = problemWith(request, response);
            if (problem != null && problems.size() < 20) {
                problems.add(problem + " <- " + describe(request));
            }
        }

        int fiveHundreds = perStatus.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToInt(Map.Entry::getValue).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("routes", routes.size());
        figures.put("badRequestsSent", sent);
        figures.put("responses5xx", fiveHundreds);
        figures.put("problems", problems.size());
        figures.put("answeredByJettyBeforeTheApi", answeredByJetty);
        figures.put("retriedOnAFreshConnection", retriedOnAFreshConnection);
        figures.put("perStatus", perStatus);
        figures.put("perKind", perKind);
        figures.put("dataUnchanged", before.equals(snapshot()));
        ReliabilityFigures.write("fuzz", figures);

        assertThat(problems).as("responses that broke the rules").isEmpty();
        assertThat(fiveHundreds).isZero();
        assertThat(snapshot()).as("the data after the fuzzing").isEqualTo(before);
        assertThat(IMPORTS.get("/health").status()).isEqualTo(200);
    }

    @Test
    void whatJettyRefusesBeforeTheApiIsAnsweredWithTheApisJsonErrorOnBothPorts() throws Exception {
        String api = "http://localhost:" + SERVER.app.getLocalPort();
        String admin = "http://localhost:" + SERVER.app.getAdminPort();
        String tooLong = "x".repeat(10_000);
        record Refused(HttpRequest request, int status, String code) {
        }
        List<Refused> refusals = List.of(
                new Refused(browserLike(api + "/api/v1/connections/" + tooLong, "GET").build(), 414, "uri_too_long"),
                new Refused(browserLike(api + "/api/v1/health", "GET").header("X-Padding", tooLong).build(), 431,
                        "request_header_fields_too_large"),
                new Refused(browserLike(api + "/api/v1/connections/1%2f2", "GET").build(), 400, "bad_request"),
                new Refused(browserLike(api + "/elsewhere", "GET").build(), 404, "not_found"),
                new Refused(browserLike(api + "/api/v1/health", "TRACE").build(), 405, "method_not_allowed"),
                new Refused(browserLike(admin + "/elsewhere", "GET").build(), 404, "not_found"),
                new Refused(browserLike(admin + "/ping", "TRACE").build(), 405, "method_not_allowed"),
                new Refused(browserLike(admin + "/a%2fb", "GET").build(), 400, "bad_request"));

        for (Refused refused : refusals) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(refused.request(),
                    HttpResponse.BodyHandlers.ofString());

            String what = refused.request().method() + " " + abbreviate(refused.request().uri().toString());
            assertThat(response.statusCode()).as(what).isEqualTo(refused.status());
            assertThat(notTheApisError(response)).as(what).isNull();
            assertThat(Json.parse(response.body()).path("code").asText()).as(what).isEqualTo(refused.code());
        }
    }

    @Test
    void aBodySentAsAnotherTypeThanJsonIsToldWhatToSend() throws Exception {
        HttpResponse<String> response = HTTP.send(browserLike(SERVER.api("/connections"), "POST")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(notTheApisError(response)).isNull();
        OpenApiAnswers.check(response.request(), response.statusCode(), response.headers(), response.body());
        JsonNode error = Json.parse(response.body());
        assertThat(error.path("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(error.path("message").asText()).contains("send Content-Type: application/json");
    }

    /** An admin's request that asks for HTML, as a browser does: the error is JSON all the same. */
    private static HttpRequest.Builder browserLike(String url, String method) {
        return HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TestKeys.ADMIN).header("Accept", "text/html")
                .timeout(java.time.Duration.ofSeconds(30));
    }

    /** A bad request of the given kind on the route, or null when that kind would be a request allowed to change data. */
    private static Sent generate(Random random, Route route, String kind, long realConnection) {
        String key = pick(random, List.of(TestKeys.ADMIN, TestKeys.ADMIN, TestKeys.ADMIN, TestKeys.VIEWER, "none"));
        boolean admin = key.equals(TestKeys.ADMIN);
        String method = route.method();
        String pathValue = "987654321";
        String body = route.takesBody() ? "{}" : null;
        String contentType = "application/json";
        StringBuilder query = new StringBuilder();
        switch (kind) {
            case "malformed" -> body = pick(random, MALFORMED);
            case "oversized" -> body = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
            case "wrongTypes" -> body = objectOf(random, () -> pick(random, List.of("123", "-1.5e308", "true",
                    "null", "[]", "[1,\"a\"]", "{}", "{\"nested\":{\"deeper\":[{}]}}", "99999999999999999999999")));
            case "hostileStrings" -> body = objectOf(random, () -> quote(pick(random, HOSTILE)));
            case "unknownFields" -> body = "{\"" + pick(random, HOSTILE).replace("\"", "") + "\":1,\"zzz\":{}}";
            case "wrongContentType" -> {
                body = "{\"name\":\"x\"}";
                contentType = pick(random, CONTENT_TYPES);
            }
            case "wrongMethod" -> {
                method = pick(random, WRONG_METHODS);
                body = null;
            }
            case "pathTrick" -> pathValue = pick(random, PATH_VALUES);
            case "hostileQuery" -> {
                List<String> names = new ArrayList<>(route.queryParams());
                names.add("limit");
                names.add(pick(random, FIELDS));
                for (String name : names) {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(URLEncoder.encode(pick(random, HOSTILE), StandardCharsets.UTF_8));
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        boolean notJsonAtAll = kind.equals("malformed") || kind.equals("oversized");
        if (admin && route.mutates() && !kind.equals("wrongMethod")) {
            if (!route.hasId() && !(route.takesBody() && notJsonAtAll)
                    && !(route.path().equals("/api/v1/connections") && route.takesBody())) {
                return null; // an admin's bodiless change without an id would succeed
            }
            if (route.hasId() && notJsonAtAll && route.takesBody() && random.nextBoolean()) {
                pathValue = Long.toString(realConnection); // an existing id, a body that cannot parse
            }
        }
        if (!route.takesBody() && !kind.equals("oversized") && !kind.equals("wrongContentType")) {
            body = route.mutates() ? body : null;
        }
        String path = route.path().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(pathValue));
        String url = "http://localhost:" + SERVER.app.getLocalPort() + path + query;
        return new Sent(method, url, key, body, body == null ? null : contentType);
    }

    private static String describe(Sent request) {
        return request.method() + " " + abbreviate(request.url()) + " key=" + request.key() + " type="
                + request.contentType() + " body=" + abbreviate(request.body());
    }

    private static String objectOf(Random random, java.util.function.Supplier<String> value) {
        StringBuilder body = new StringBuilder("{");
        for (String field : FIELDS) {
            if (random.nextInt(3) > 0) {
                body.append(body.length() > 1 ? "," : "").append('"').append(field).append("\":").append(value.get());
            }
        }
        return body.append('}').toString();
    }

    private static HttpResponse<String> send(HttpClient http, Sent request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()));
        if (!request.key().equals("none")) {
            builder.header("Authorization", "Bearer " + request.key());
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.timeout(java.time.Duration.ofSeconds(30)); // a hung answer is a problem found, not a stuck build
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with an answer, or null. */
    private static String problemWith(Sent request, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() >= 500) {
            return response.statusCode() + " " + abbreviate(body);
        }
        if (body.contains("at io.") || body.contains("\tat ") || body.contains("Exception")) {
            return "a stack trace or exception in the body: " + abbreviate(body);
        }
        if (response.statusCode() >= 400 && !request.method().equals(HttpMethod.HEAD)) {
            return notTheApisError(response);
        }
        return null;
    }

    /** What makes an error answer other than the API's JSON {code, message, details}, or null. */
    static String notTheApisError(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            return "an error of Content-Type '" + type + "': " + abbreviate(body);
        }
        try {
            JsonNode error = Json.parse(body);
            if (!error.path("code").isTextual() || !error.path("message").isTextual() || !error.has("details")) {
                return "an error that is not {code,message,details}: " + abbreviate(body);
            }
        } catch (RuntimeException e) {
            return "an error body that is not JSON: " + abbreviate(body);
        }
        return null;
    }

    /**
     * An answer of Jetty's, for a request it refuses before any API code sees it (a URI too long, an ambiguous path
     * separator such as {@code %2f}): the API's JSON error all the same, counted apart.
     */
    private static boolean refusedBeforeTheApi(HttpResponse<String> response) {
        int status = response.statusCode();
        return status == 414 || status == 431 || status == 400 && response.body() != null
                && response.body().contains("\"the request was refused before the API read it");
    }

    private static Map<String, String> snapshot() {
        Map<String, String> checksums = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl, SERVER.jdbcUser, "");
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) || '/' || md5(COALESCE(string_agg("
                        + "t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                    result.next();
                    checksums.put(table, result.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return checksums;
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    /** Every route the server registered, but none that needs no key and changes something. */
    private static List<Route> registeredRoutes() {
        return RegisteredRoutes.of(SERVER).stream()
                .map(route -> new Route(route.method(), route.path(), route.role(), route.takesBody(),
                        route.queryParams()))
                .filter(route -> !route.role().equals(Roles.NONE) || !route.mutates())
                .toList();
    }
}
