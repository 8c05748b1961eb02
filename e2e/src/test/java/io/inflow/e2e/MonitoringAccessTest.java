package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The switches of {@code auth}: health and metrics open on the application port, the admin port keyed (its tasks
 * with an admin key, as always).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitoringAccessTest {

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("auth.openHealth", "true"),
            TestServer.setting("auth.protectAdminPort", "true"),
            TestServer.setting("prometheus.onApplicationPort", "true"),
            TestServer.setting("auth.openMetrics", "true"));

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthAnswersWithoutAKeyWhenOpenedWhileTheRestStaysKeyed() {
        Json anonymous = Json.withKey(null);

        Json.Answer health = anonymous.get(SERVER.api("/health"));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("database").path("ok").asBoolean()).as(health.body().toString()).isTrue();
        assertThat(anonymous.get(SERVER.api("/status")).status()).isEqualTo(401);
        assertThat(anonymous.get(SERVER.api("/connections")).status()).isEqualTo(401);
    }

    @Test
    void metricsAnswerWithoutAKeyOnTheApplicationPortWhenOpened() {
        Scrape scrape = Scrape.of("http://localhost:" + SERVER.app.getLocalPort() + "/metrics");

        assertThat(scrape.status).isEqualTo(200);
        assertThat(scrape.families()).containsKey("inflow_import_runs_active");
    }

    @Test
    void aProtectedAdminPortAsksForAnyValidKey() throws Exception {
        assertThat(admin("/ping", null).statusCode()).isEqualTo(401);
        assertThat(admin("/ping", null).headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"inflow\"");
        assertThat(Json.parse(admin("/ping", null).body()).path("code").asText()).isEqualTo("unauthorized");
        assertThat(admin("/ping", "Bearer nope-nope-nope-nope-nope").statusCode()).isEqualTo(401);
        assertThat(admin("/ping", "Bearer " + TestKeys.VIEWER).statusCode()).isEqualTo(200);
        assertThat(admin("/healthcheck", "bearer " + TestKeys.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void onAProtectedAdminPortTasksStillNeedAnAdminKey() throws Exception {
        HttpResponse<String> anonymous = adminPost("/tasks/gc", null);
        HttpResponse<String> viewer = adminPost("/tasks/gc", "Bearer " + TestKeys.VIEWER);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Json.parse(anonymous.body()).path("code").asText()).isEqualTo("unauthorized");
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        assertThat(Json.parse(viewer.body()).path("code").asText()).isEqualTo("forbidden");
        assertThat(adminPost("/tasks/gc", "Bearer " + TestKeys.ADMIN).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> adminPost(String path, String authorization) throws Exception {
        return http.send(adminRequest(path, authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String path, String authorization) throws Exception {
        return http.send(adminRequest(path, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder adminRequest(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + SERVER.app.getAdminPort() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }
}
