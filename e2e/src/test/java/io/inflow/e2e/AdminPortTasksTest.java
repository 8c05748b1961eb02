package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port of a server run as the README runs it (the jar, {@code config.yml}, no {@code auth} switch set):
 * its tasks, which act on the server ({@code POST /tasks/gc}, {@code /tasks/log-level}), need an admin key, while
 * the monitoring that Prometheus and load balancers read ({@code /metrics}, {@code /healthcheck}, {@code /ping})
 * answers without one.
 */
class AdminPortTasksTest {

    @TempDir
    static Path root;

    private static NodeProcess server;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        server = NodeProcess.startEmbedded(root.resolve("data"), Map.of("INFLOW_VIEWER_KEY", TestKeys.VIEWER));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTaskWithoutAValidKeyIsRefusedWith401InJson() throws Exception {
        for (String authorization : new String[] {null, "Bearer nope-nope-nope-nope-nope", "Basic " + TestKeys.ADMIN}) {
            HttpResponse<String> refused = post("/tasks/gc", authorization);

            assertThat(refused.statusCode()).as("%s: %s", authorization, refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"inflow\"");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode error = Json.parse(refused.body());
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
            assertThat(error.path("message").asText()).contains("Authorization: Bearer");
            assertThat(error.has("details")).isTrue();
        }
    }

    @Test
    void aViewerKeyMayNotRunATask() throws Exception {
        for (String task : List.of("/tasks/gc", "/tasks/log-level?logger=io.inflow&level=DEBUG")) {
            HttpResponse<String> refused = post(task, "Bearer " + TestKeys.VIEWER);

            assertThat(refused.statusCode()).as("%s: %s", task, refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode error = Json.parse(refused.body());
            assertThat(error.path("code").asText()).isEqualTo("forbidden");
            assertThat(error.path("message").asText())
                    .isEqualTo("the viewer key 'viewer-key' may not do this: it needs the admin role");
            assertThat(error.path("details").path("requiredRole").asText()).isEqualTo("admin");
        }
    }

    @Test
    void theProfilerNeedsAnAdminKeyToo() throws Exception {
        HttpResponse<String> anyone = get("/pprof?duration=1");
        HttpResponse<String> viewer = http.send(HttpRequest.newBuilder(URI.create(server.admin("/pprof?duration=1")))
                .header("Authorization", "Bearer " + TestKeys.VIEWER).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anyone.statusCode()).as(anyone.body()).isEqualTo(401);
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
    }

    @Test
    void anAdminKeyRunsATask() throws Exception {
        HttpResponse<String> gc = post("/tasks/gc", "Bearer " + TestKeys.ADMIN);

        assertThat(gc.statusCode()).as(gc.body()).isEqualTo(200);
    }

    @Test
    void aTaskSpelledAnotherWayIsKeyedAllTheSame() throws Exception {
        for (String path : List.of("/tasks/%67c", "/tasks//gc", "//tasks/gc", "/./tasks/gc", "/tasks/./gc",
                "/ping/../tasks/gc", "/TASKS/gc", "/tasks/gc;x=1", "/tasks/gc/")) {
            HttpResponse<String> answer = post(path, null);

            assertThat(answer.statusCode()).as("POST %s: %s", path, answer.body()).isIn(400, 401, 404);
        }
    }

    @Test
    void monitoringAnswersWithoutAKeyByDefault() throws Exception {
        Scrape scrape = Scrape.of(server.admin("/metrics"));

        assertThat(scrape.status).isEqualTo(200);
        assertThat(scrape.families()).containsKey("inflow_import_runs_active");
        assertThat(get("/healthcheck").statusCode()).isEqualTo(200);
        assertThat(get("/ping").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.admin(path)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.admin(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
