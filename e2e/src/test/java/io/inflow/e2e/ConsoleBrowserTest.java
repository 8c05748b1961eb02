package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (headless Chromium), as a person uses it: signing in, the connections table, a
 * failed run's error in words, what a viewer key sees and may do, Swagger UI; and how the files are served. One
 * server, sandbox and browser for the class; the tests run in order, as one session. Each saves a screenshot under
 * {@code target/screenshots/}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConsoleBrowser browser;
    private static long clinic;
    private static long wrongToken;

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @BeforeAll
    static void openBrowser() {
        SandboxAdmin sandbox = new SandboxAdmin(SANDBOX);
        clinic = IMPORTS.createConnection(Imports.airtableConnection(sandbox.connections(), "clinic",
                "requestsPerSecond", "1000"));
        wrongToken = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandbox.connections(),
                "clinic-wrong-token", "apiToken", "patWrongToken.0000000000", "requestsPerSecond", "1000"));
        browser = ConsoleBrowser.open(SERVER);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        SANDBOX.close();
    }

    @Test
    @Order(1)
    void theConsoleIsServedAtTheRootWithoutAKeyBesideTheKeyedApi() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").contains("connect-src 'self'"));
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(browser.url("/")))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("unchanged files are revalidated, not sent again").isEqualTo(304);

        HttpResponse<String> module = get("/console/app.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).contains("javascript"));
        assertThat(get("/console/console.css").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(get("/console/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/../console/Console.class").statusCode()).as("no class file is served").isIn(400, 404);
        assertThat(get("/io/inflow/server/console/Console.class").statusCode()).isIn(401, 404);

        assertThat(get("/api/v1/plugins").statusCode()).as("the API still asks for a key").isEqualTo(401);
        assertThat(get("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(get("/api/docs").statusCode()).isEqualTo(301);
        HttpResponse<String> docs = get("/api/docs/");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui-bundle.js");
        assertThat(get("/api/docs/swagger-initializer.js").body()).contains("/api/v1/openapi.json")
                .doesNotContain("petstore");
        assertThat(get("/api/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aWrongKeyIsRefusedAndAnAdminKeySignsInToTheConnectionsTable() {
        browser.open("");
        browser.waitFor(By.id("api-key")).sendKeys("inflow_not_a_key_of_this_server_000000");
        browser.driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        assertThat(browser.waitFor(By.cssSelector(".sign-in .notice-error")).getText()).contains("This key is not valid");
        assertThat(browser.script("return sessionStorage.getItem('inflow.apiKey')")).as("a refused key is not kept").isNull();

        browser.signIn(TestKeys.ADMIN);

        assertThat(browser.driver.findElement(By.id("role")).getText()).isEqualTo("admin");
        WebElement row = connectionRow(clinic);
        assertThat(row.findElement(By.cssSelector(".connection-name")).getText()).isEqualTo("clinic");
        assertThat(row.getText()).contains("airtable").contains("active").contains("no run yet");
        assertThat(row.findElements(By.cssSelector("[data-action]"))).extracting(e -> e.getAttribute("data-action"))
                .containsExactly("full", "incremental", "check", "edit", "delete");
        assertThat(browser.driver.findElements(By.cssSelector("#connections tbody tr"))).hasSize(2);
        assertThat(browser.script("return document.cookie")).as("the key is never in a cookie").isEqualTo("");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("inflow_");

        browser.driver.navigate().refresh();
        assertThat(connectionRow(clinic).getText()).as("a reload keeps the session and the page").contains("clinic");
        row = connectionRow(clinic);
        row.findElement(By.cssSelector("[data-action=check]")).click();
        assertThat(browser.waitFor(By.cssSelector("#messages .notice-ok")).getText()).contains("the check passed");
        browser.screenshot("connections");

        browser.resize(390, 844);
        assertThat(connectionRow(clinic).findElement(By.cssSelector("[data-action=full]")).isDisplayed()).isTrue();
        Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("nothing wider than a phone's screen").isLessThanOrEqualTo(0);
        browser.screenshot("connections-phone");
        browser.resize(1280, 1000);
    }

    @Test
    @Order(3)
    void aFailedRunShowsItsErrorInWordsAndHistoryKeepsItsFiltersInTheUrl() {
        JsonNode failed = IMPORTS.run(wrongToken, "full");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        long runId = failed.path("id").asLong();

        browser.open("#/runs/" + runId);

        assertThat(browser.waitFor(By.cssSelector("#run-status [data-status]")).getText()).isEqualTo("failed");
        String error = browser.waitFor(By.id("run-error")).getText();
        assertThat(error).contains("Airtable rejected the API token").contains("401").doesNotContain("patWrongToken")
                .doesNotContain("Exception");
        assertThat(browser.driver.findElement(By.cssSelector("[role=alert]")).getText()).startsWith("This run failed:");
        assertThat(browser.driver.findElement(By.id("resume")).isDisplayed()).isTrue();
        browser.screenshot("run-failed");

        browser.open("#/history?status=failed");
        browser.driver.navigate().refresh();
        List<WebElement> rows = browser.until(Duration.ofSeconds(10),
                d -> d.findElements(By.cssSelector("#history tbody tr")).isEmpty() ? null
                        : d.findElements(By.cssSelector("#history tbody tr")));
        assertThat(rows).extracting(r -> r.getAttribute("data-run")).containsExactly(Long.toString(runId));
        assertThat(browser.driver.findElement(By.id("status")).getAttribute("value")).isEqualTo("failed");
        browser.screenshot("history-failed");
    }

    @Test
    @Order(4)
    void everyPageShowsWhatTheApiSays() {
        Map<String, By> pages = Map.of(
                "#/plugins", By.cssSelector("#plugins [data-plugin=airtable]"),
                "#/scheduler", By.id("scheduler-status"),
                "#/dead-letters", By.cssSelector("main h1"),
                "#/stats?connection=" + clinic, By.cssSelector("main h2"),
                "#/health", By.id("health-status"));
        for (Map.Entry<String, By> page : pages.entrySet()) {
            browser.open(page.getKey());
            browser.waitFor(page.getValue());
            assertThat(browser.driver.findElements(By.cssSelector("main .notice-error"))).as(page.getKey()).isEmpty();
            browser.screenshot("page-" + page.getKey().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", ""));
        }
        browser.open("#/plugins");
        assertThat(browser.waitFor(By.cssSelector("#plugins [data-plugin=airtable]")).getText()).contains("STARTED");
        assertThat(browser.driver.findElements(By.id("rescan"))).hasSize(1);
        browser.open("#/scheduler");
        assertThat(browser.waitFor(By.id("scheduler-status")).getText()).isEqualTo("running");
        assertThat(browser.driver.findElements(By.id("stop"))).hasSize(1);
    }

    @Test
    @Order(5)
    void swaggerUiShowsTheApiAndAsksForTheKey() {
        browser.driver.get(browser.url("/api/docs"));
        assertThat(browser.waitFor(By.cssSelector(".swagger-ui .info .title")).getText()).contains("Inflow API");
        assertThat(browser.waitFor(By.cssSelector(".swagger-ui button.authorize")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElements(By.cssSelector(".swagger-ui .opblock"))).hasSizeGreaterThan(30);
        browser.screenshot("api-docs");

        browser.driver.findElement(By.cssSelector(".swagger-ui .auth-wrapper button.authorize")).click();
        browser.waitFor(By.cssSelector(".swagger-ui .auth-container input")).sendKeys(TestKeys.VIEWER);
        browser.driver.findElement(By.cssSelector(".swagger-ui .auth-btn-wrapper button.authorize")).click();
        browser.waitFor(By.cssSelector(".swagger-ui .auth-btn-wrapper button.btn-done")).click();
        WebElement session = browser.waitFor(By.id("operations-session-getSession"));
        session.findElement(By.cssSelector(".opblock-summary-control")).click();
        browser.waitFor(By.cssSelector("#operations-session-getSession button.try-out__btn")).click();
        browser.waitFor(By.cssSelector("#operations-session-getSession button.execute")).click();
        WebElement answer = browser.waitFor(By.cssSelector("#operations-session-getSession .live-responses-table .response"));
        assertThat(answer.findElement(By.cssSelector(".response-col_status")).getText()).startsWith("200");
        assertThat(answer.getText()).as("the key given to Authorize was sent").contains("test-viewer").contains("viewer");
        browser.screenshot("api-docs-authorized");
    }

    @Test
    @Order(6)
    void anAdminCreatesAConnectionWithTheFormOfItsPluginsSchemaAndEditsItKeepingItsSecret() {
        JsonNode config = new SandboxAdmin(SANDBOX).connections().path("airtable").path("config");
        browser.open("#/connections");
        browser.waitFor(By.id("new-connection")).click();
        new Select(browser.waitFor(By.id("plugin"))).selectByValue("airtable");
        browser.waitFor(By.id("name")).sendKeys("clinic-form");
        browser.waitFor(By.id("field-baseUrl")).sendKeys(config.path("baseUrl").asText());
        WebElement token = browser.driver.findElement(By.id("field-apiToken"));
        assertThat(token.getAttribute("type")).isEqualTo("password");
        token.sendKeys(config.path("apiToken").asText());
        browser.driver.findElement(By.id("field-baseId")).sendKeys(config.path("baseId").asText());
        browser.driver.findElement(By.id("field-tables")).sendKeys(config.path("tables").get(0).asText());
        browser.screenshot("connection-new");
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();

        WebElement created = browser.waitFor(By.xpath("//tr[.//strong[text()='clinic-form']]"));
        long id = Long.parseLong(created.getAttribute("data-connection"));
        JsonNode stored = IMPORTS.get("/connections/" + id).body();
        assertThat(stored.path("config").path("apiToken").asText()).isEqualTo("********");
        assertThat(stored.path("config").path("tables").get(0).asText()).isEqualTo(config.path("tables").get(0).asText());

        created.findElement(By.cssSelector("[data-action=edit]")).click();
        WebElement kept = browser.waitFor(By.id("field-apiToken"));
        assertThat(kept.getAttribute("type")).isEqualTo("password");
        assertThat(kept.getAttribute("value")).isEqualTo("********");
        WebElement name = browser.driver.findElement(By.id("name"));
        name.clear();
        name.sendKeys("clinic-form-renamed");
        browser.driver.findElement(By.cssSelector("main details summary")).click();
        browser.waitFor(By.id("field-requestsPerSecond")).sendKeys("500");
        browser.screenshot("connection-edit");
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();

        browser.waitFor(By.xpath("//tr[.//strong[text()='clinic-form-renamed']]"));
        JsonNode edited = IMPORTS.get("/connections/" + id).body();
        assertThat(edited.path("config").path("requestsPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(IMPORTS.post("/connections/" + id + "/check", "").body().path("ok").asBoolean())
                .as("the token sent back as ******** kept the stored one").isTrue();
    }

    @Test
    @Order(7)
    void aViewerKeySeesNoButtonThatChangesAnythingAndItsForgedAdminCallIsRefused() {
        browser.open("#/connections");
        browser.signOut();
        assertThat(browser.script("return sessionStorage.getItem('inflow.apiKey')")).isNull();

        browser.signIn(TestKeys.VIEWER);

        assertThat(browser.driver.findElement(By.id("role")).getText()).isEqualTo("viewer");
        WebElement row = connectionRow(clinic);
        assertThat(row.findElements(By.cssSelector("button"))).isEmpty();
        assertThat(row.findElements(By.cssSelector("[data-action]"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("new-connection"))).isEmpty();
        browser.screenshot("connections-viewer");
        browser.open("#/plugins");
        browser.waitFor(By.cssSelector("#plugins [data-plugin=airtable]"));
        assertThat(browser.driver.findElements(By.cssSelector("main button"))).isEmpty();
        browser.open("#/scheduler");
        browser.waitFor(By.id("scheduler-status"));
        assertThat(browser.driver.findElements(By.cssSelector("main button"))).isEmpty();
        JsonNode lastRun = IMPORTS.get("/imports?connection=" + wrongToken).body().path("runs").get(0);
        browser.open("#/runs/" + lastRun.path("id").asLong());
        browser.waitFor(By.id("run-error"));
        assertThat(browser.driver.findElements(By.cssSelector("main button"))).isEmpty();

        // the page's own key, used by hand for what its buttons would do
        @SuppressWarnings("unchecked")
        Map<String, Object> forged = (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/scheduler/stop', {method: 'POST',
                    headers: {Authorization: 'Bearer ' + sessionStorage.getItem('inflow.apiKey')}})
                  .then(async r => done({status: r.status, body: await r.json()}))
                  .catch(e => done({status: -1, body: String(e)}));
                """);
        assertThat(((Number) forged.get("status")).intValue()).isEqualTo(403);
        assertThat(((Map<?, ?>) forged.get("body")).get("code")).isEqualTo("forbidden");
        assertThat(IMPORTS.get("/scheduler").body().path("state").asText()).isEqualTo("running");
    }

    private static WebElement connectionRow(long connection) {
        return browser.waitFor(By.cssSelector("#connections tr[data-connection='" + connection + "']"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(browser.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
