package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.server.auth.Roles;
import io.inflow.sandbox.SandboxOptions;
import jakarta.ws.rs.HttpMethod;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys and roles on every route the server registers (found through Jersey, so a new route cannot escape
 * these checks): without a key 401, a viewer may read but gets 403 on every route that changes something, an
 * admin passes. Plus the size limit of request bodies.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeysTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final Json ANONYMOUS = Json.withKey(null);
    private static final Json VIEWER = Json.withKey(TestKeys.VIEWER);
    private static final Json ADMIN = new Json();
    /** An id no entity has: an admin's call passes authorization and ends in 404, changing nothing. */
    private static final String NO_SUCH_ID = "987654321";

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    private record Route(String method, String path, String role) {

        boolean mutates() {
            return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
        }

        String url(TestServer server) {
            String concrete = path.replaceAll("\\{[^}]+}", NO_SUCH_ID);
            return "http://localhost:" + server.app.getLocalPort() + concrete;
        }
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void everyRouteAsksForAKeyAndEveryChangeForAnAdminKey() {
        List<Route> routes = registeredRoutes();
        assertThat(routes).as("the server's routes, found through Jersey").hasSizeGreaterThan(25)
                .contains(new Route("POST", "/api/v1/connections/{id}/imports", Roles.ADMIN),
                        new Route("GET", "/api/v1/imports", Roles.VIEWER),
                        new Route("POST", "/api/v1/scheduler/stop", Roles.ADMIN),
                        new Route("GET", "/api/v1/openapi.json", Roles.NONE));
        assertThat(routes).as("a route that changes something needs an admin key")
                .filteredOn(Route::mutates).extracting(Route::role).containsOnly(Roles.ADMIN);
        List<Route> mutating = routes.stream().filter(Route::mutates).toList();
        assertThat(mutating).hasSizeGreaterThan(12);

        for (Route route : routes) {
            if (route.role().equals(Roles.NONE)) {
                assertThat(send(ANONYMOUS, route).status()).as("%s is open", route).isEqualTo(200);
                continue;
            }
            Json.Answer anonymous = send(ANONYMOUS, route);
            assertThat(anonymous.status()).as("%s without a key", route).isEqualTo(401);
            assertThat(anonymous.body().path("code").asText()).isEqualTo("unauthorized");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"inflow\"");
            assertThat(send(Json.withKey("inflow_not_a_key_of_this_server_at_all"), route).status())
                    .as("%s with an unknown key", route).isEqualTo(401);

            Json.Answer viewer = send(VIEWER, route);
            if (route.mutates()) {
                assertThat(viewer.status()).as("%s with a viewer key: %s", route, viewer.body()).isEqualTo(403);
                assertThat(viewer.body().path("code").asText()).isEqualTo("forbidden");
                assertThat(viewer.body().path("message").asText()).contains("test-viewer").contains("admin");
            } else {
                assertThat(viewer.status()).as("%s with a viewer key: %s", route, viewer.body())
                        .isNotIn(401, 403).isLessThan(500);
            }
            Json.Answer admin = send(ADMIN, route);
            assertThat(admin.status()).as("%s with an admin key: %s", route, admin.body())
                    .isNotIn(401, 403).isLessThan(500);
        }
        // the admin's calls above included stopping the scheduler
        assertThat(ADMIN.post(SERVER.api("/scheduler/start"), "").status()).isEqualTo(200);
    }

    @Test
    void aViewerReadsWhatAnAdminDidAndTheRunNamesTheKeyThatAskedForIt() {
        long connection = IMPORTS.createConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "keyed", "requestsPerSecond", "1000"));
        assertThat(VIEWER.post(SERVER.api("/connections/" + connection + "/imports"), "{}").status())
                .isEqualTo(403);

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("requestedBy").asText()).isEqualTo("test-admin");
        Json.Answer seen = VIEWER.get(SERVER.api("/imports/" + run.path("id").asLong()));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().path("counts").path("inserted").asLong()).isEqualTo(20_077);
        assertThat(VIEWER.get(SERVER.api("/imports?connection=" + connection)).body().path("runs")).hasSize(1);
    }

    @Test
    void theAdminPortStaysOpenByDefault() throws Exception {
        HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + SERVER.app.getAdminPort() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ANONYMOUS.get(SERVER.api("/health")).status()).as("keyed on the application port")
                .isEqualTo(401);
    }

    /**
     * A refused request whose body arrives after its answer is ready (Java's and Python's clients write headers and
     * body apart) must leave its kept-alive connection usable: the client's next request on it gets its answer.
     */
    @Test
    void aRequestRefusedBeforeItsBodyArrivedLeavesItsConnectionUsable() throws Exception {
        byte[] body = "{\"url\":\"http://127.0.0.1:9/\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", SERVER.app.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(("POST /api/v1/notifications HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestKeys.VIEWER + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the server may answer now, before the body
            out.write(body);
            out.flush();
            assertThat(statusOf(in)).isEqualTo(403);

            out.write(("GET /api/v1/plugins HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestKeys.VIEWER
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusOf(in)).as("the next request on the same connection").isEqualTo(200);
        }
    }

    /** Reads one HTTP/1.1 answer with a Content-Length body; answers its status, -1 when the connection closed. */
    private static int statusOf(BufferedInputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return -1;
        }
        int length = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    private static String line(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = in.read()) >= 0 && next != '\n') {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return next < 0 && line.length() == 0 ? null : line.toString();
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutALengthAndCreatesNothing() throws Exception {
        String padding = "x".repeat(1_100_000);
        String body = "{\"plugin\":\"airtable\",\"name\":\"huge\",\"config\":{\"padding\":\"" + padding + "\"}}";
        int connectionsBefore = ADMIN.get(SERVER.api("/connections")).body().size();

        Json.Answer sized = ADMIN.post(SERVER.api("/connections"), body);
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.body().path("code").asText()).isEqualTo("body_too_large");
        assertThat(sized.body().path("details").path("maxBytes").asLong()).isEqualTo(1_048_576);

        HttpRequest withoutLength = HttpRequest.newBuilder(URI.create(SERVER.api("/connections")))
                .header("Authorization", "Bearer " + TestKeys.ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                .build();
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(withoutLength,
                HttpResponse.BodyHandlers.ofString());
        OpenApiAnswers.check(withoutLength, chunked.statusCode(), chunked.headers(), chunked.body());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(Json.parse(chunked.body()).path("code").asText()).isEqualTo("body_too_large");

        assertThat(ADMIN.get(SERVER.api("/connections")).body().size()).isEqualTo(connectionsBefore);
        assertThat(SERVER.queryLong("SELECT count(*) FROM connections WHERE name = 'huge'")).isZero();
    }

    private static Json.Answer send(Json client, Route route) {
        String url = route.url(SERVER);
        return switch (route.method()) {
            case HttpMethod.GET -> client.get(url);
            case HttpMethod.POST -> client.post(url, "{}");
            case HttpMethod.PUT -> client.put(url, "{}");
            case HttpMethod.DELETE -> client.delete(url);
            default -> throw new IllegalStateException("no test for " + route);
        };
    }

    /** Every (method, path) of every resource registered with the server's Jersey. */
    private static List<Route> registeredRoutes() {
        return RegisteredRoutes.of(SERVER).stream()
                .map(route -> new Route(route.method(), route.path(), route.role()))
                .toList();
    }
}
