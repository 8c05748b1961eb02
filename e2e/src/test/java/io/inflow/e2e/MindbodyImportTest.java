package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mindbody through its plugin jar in a real server, against the sandbox over HTTP: the staff token a connection
 * keeps across runs, what an import of the demo site costs of Mindbody's 1,000 free daily calls, and an import
 * that spends its daily quota mid-run.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MindbodyImportTest {

    private static final String ISSUE_TOKEN = "/mindbody/public/v6/usertoken/issue";
    private static final LocalDate MONTH_START = LocalDate.of(2025, 3, 1);
    private static final LocalDate MONTH_END = LocalDate.of(2025, 3, 31);
    /**
     * A full import of that month: a token, 33 pages of clients, 1 of class descriptions, 16 of classes for
     * class_schedules and the same 16 for visits, 5 of sales.
     */
    private static final int MONTH_CALLS = 1 + 33 + 1 + 16 + 16 + 5;

    /** The sandbox's time, which a test moves to end a token's life at Mindbody; the server keeps its own. */
    private static final TestClock SANDBOX_CLOCK = new TestClock(Instant.now());
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(SANDBOX_CLOCK)
            .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
    /**
     * Quota windows of 5 seconds instead of a day, so a spent quota opens again within the test; short backoffs,
     * so the retries of refused calls take no time, and a short retry budget, so a key Mindbody blocks fails its
     * run in seconds rather than five minutes.
     */
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("upstream.quotaWindow", "5s"),
            TestServer.setting("upstream.retryBudget", "3s"),
            TestServer.setting("upstream.initialBackoff", "10ms"),
            TestServer.setting("upstream.maxBackoff", "100ms"));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @BeforeEach
    void clearTheRequestLog() {
        SANDBOX_ADMIN.reset();
    }

    @AfterEach
    void restoreMindbodysQuota() {
        SANDBOX_ADMIN.mindbodyLimits("{\"dailyQuota\":1000,\"overQuota\":\"bill\"}");
    }

    /** The sandbox's demo connection (all its streams, 2024-10-13 to 2025-11-14), renamed, with settings added. */
    private static ObjectNode demoSite(String name, Object... settings) {
        ObjectNode body = SANDBOX_ADMIN.connections().path("mindbody").deepCopy();
        body.put("name", name);
        ObjectNode config = (ObjectNode) body.path("config");
        config.put("requestsPerSecond", 1_000);
        for (int i = 0; i < settings.length; i += 2) {
            if (settings[i + 1] instanceof Integer number) {
                config.put((String) settings[i], number);
            } else if (settings[i + 1] instanceof Boolean flag) {
                config.put((String) settings[i], flag);
            } else {
                config.put((String) settings[i], (String) settings[i + 1]);
            }
        }
        return body;
    }

    private static List<JsonNode> requests() {
        List<JsonNode> requests = new ArrayList<>();
        SANDBOX_ADMIN.mindbodyRequests().forEach(requests::add);
        return requests;
    }

    private static long tokenIssues(List<JsonNode> requests) {
        return requests.stream().filter(r -> r.path("method").asText().equals("POST")
                && r.path("path").asText().equals(ISSUE_TOKEN)).count();
    }

    @Test
    void aFullImportOfEveryStreamThenAnIncrementalOneIssueOneStaffTokenInAllAndCostTheirCallsExactly() {
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-token"));

        JsonNode full = IMPORTS.run(connection, "full");
        List<JsonNode> fullRequests = requests();
        JsonNode incremental = IMPORTS.run(connection, "incremental");
        List<JsonNode> allRequests = requests();

        assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("succeeded");
        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        assertThat(full.path("counts").path("inserted").asLong())
                .isEqualTo(SANDBOX.mindbody().streams().values().stream().mapToLong(Long::longValue).sum());
        assertThat(tokenIssues(allRequests)).as("staff tokens issued over both runs").isOne();
        assertThat(allRequests).allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(200));
        // the cost of the demo site out of Mindbody's 1,000 free calls a day (README, Mindbody)
        assertThat(fullRequests).as("calls of the full import").hasSize(490);
        assertThat(allRequests.size() - fullRequests.size()).as("calls of the incremental import").isEqualTo(2);
        assertThat(SERVER.queryLong("SELECT sum(calls) FROM quota_usage WHERE connection_id = " + connection))
                .as("calls the server counted against the quota").isEqualTo(allRequests.size());

        String token = Json.parse(SERVER.stateValue(connection, "staffToken")).path("token").asText();
        assertThat(SERVER.queryString("SELECT value FROM connection_state WHERE connection_id = " + connection))
                .as("the token as stored: sealed").startsWith("v1:").doesNotContain(token);
        assertThat(token).hasSize(32);
        for (String path : List.of("/connections/" + connection, "/imports/" + full.path("id").asLong(),
                "/imports/" + incremental.path("id").asLong(), "/connections/" + connection + "/stats",
                "/connections/" + connection + "/checkpoints", "/imports?connection=" + connection, "/status",
                "/health")) {
            assertThat(IMPORTS.get(path).body().toString()).as(path).doesNotContain(token);
        }
    }

    @Test
    void creatingAConnectionChecksItCountsTheCheckAgainstItsQuotaAndKeepsTheTokenForTheFirstImport() {
        long connection = IMPORTS.createConnection(demoSite("studio-created", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString()));
        List<JsonNode> checkRequests = requests();
        long countedAtCreation = SERVER.queryLong("SELECT sum(calls) FROM quota_usage WHERE connection_id = "
                + connection);
        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(checkRequests).as("the check at creation: a token, then one page of clients").hasSize(2);
        assertThat(checkRequests.get(0).path("path").asText()).isEqualTo(ISSUE_TOKEN);
        assertThat(countedAtCreation).as("the check's calls, counted against the new connection's quota")
                .isEqualTo(2);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        List<JsonNode> requests = requests();
        assertThat(tokenIssues(requests)).as("tokens issued by the creation and the import").isOne();
        assertThat(requests).as("the check's 2 calls, then the import's without a token").hasSize(2 + MONTH_CALLS - 1);
        assertThat(SERVER.queryLong("SELECT sum(calls) FROM quota_usage WHERE connection_id = " + connection))
                .isEqualTo(requests.size());
    }

    @Test
    void aCheckKeepsTheTokenItIssuedForTheNextImportAndDeletingTheConnectionDropsIt() {
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-checked", "startDate",
                MONTH_START.toString(), "endDate", MONTH_END.toString()));

        JsonNode check = IMPORTS.post("/connections/" + connection + "/check", "").body();
        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        List<JsonNode> requests = requests();
        assertThat(tokenIssues(requests)).as("tokens issued by the check and the import").isOne();
        assertThat(requests.get(0).path("path").asText()).isEqualTo(ISSUE_TOKEN);
        assertThat(requests).as("the check's 2 calls, then the import's without a token").hasSize(2 + MONTH_CALLS - 1);

        assertThat(IMPORTS.delete("/connections/" + connection).status()).isEqualTo(204);
        assertThat(SERVER.queryLong("SELECT count(*) FROM connection_state WHERE connection_id = " + connection))
                .as("the deleted connection's state").isZero();
    }

    @Test
    void aConnectionThatNamesItsStreamsImportsOnlyThoseEachInItsModeAndOnlyThoseShowInStatsAndViews() {
        ObjectNode body = demoSite("studio-some-streams", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString());
        body.set("streams", Json.parse("[\"clients\", {\"name\": \"sales\", \"mode\": \"full\"}]"));
        long connection = IMPORTS.createUncheckedConnection(body);
        Map<String, Long> month = SANDBOX.mindbody().streams(MONTH_START, MONTH_END);

        JsonNode full = IMPORTS.run(connection, "full");
        List<JsonNode> fullRequests = requests();
        JsonNode incremental = IMPORTS.run(connection, "incremental");

        assertThat(IMPORTS.get("/connections/" + connection).body().path("streams")).isEqualTo(Json.parse(
                "[{\"name\":\"clients\",\"mode\":\"incremental\"},{\"name\":\"sales\",\"mode\":\"full\"}]"));
        assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("succeeded");
        assertThat(full.path("streams").fieldNames()).toIterable().containsExactly("clients", "sales");
        assertThat(full.path("counts").path("inserted").asLong()).isEqualTo(month.get("clients") + month.get("sales"));
        assertThat(fullRequests).as("a token, 33 pages of clients, 5 of sales: no class is asked for")
                .hasSize(1 + 33 + 5)
                .noneSatisfy(r -> assertThat(r.path("path").asText()).contains("/class/"));
        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        assertThat(incremental.path("streams").path("clients").path("mode").asText()).isEqualTo("incremental");
        assertThat(incremental.path("streams").path("sales").path("mode").asText()).isEqualTo("full");
        assertThat(incremental.path("streams").path("sales").path("unchanged").asLong())
                .as("sales read in full again").isEqualTo(month.get("sales"));
        assertThat(incremental.path("streams").path("clients").path("done").asLong())
                .as("clients read from their watermark").isLessThan(month.get("clients"));
        JsonNode stats = IMPORTS.get("/connections/" + connection + "/stats").body();
        assertThat(stats.path("records")).isEqualTo(Json.parse("{\"clients\":" + month.get("clients")
                + ",\"sales\":" + month.get("sales") + "}"));
        assertThat(stats.path("stats").path("schedules_per_month").path("rows")).as(stats.toString()).isEmpty();
        assertThat(viewRows("mindbody_sales", connection)).isEqualTo(month.get("sales"));

        Json.Answer narrowed = IMPORTS.put("/connections/" + connection + "?check=false",
                "{\"config\":" + body.path("config") + ",\"streams\":[\"clients\"]}");

        assertThat(narrowed.status()).as(narrowed.body().toString()).isEqualTo(200);
        assertThat(IMPORTS.get("/connections/" + connection + "/stats").body().path("records"))
                .as("the sales kept are left out of stats").isEqualTo(Json.parse("{\"clients\":" + month.get("clients") + "}"));
        assertThat(viewRows("mindbody_sales", connection)).as("and of the typed views").isZero();
        assertThat(viewRows("mindbody_sales_all", connection)).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE stream = 'sales' AND connection_id = "
                + connection)).as("kept, for when sales are selected again").isEqualTo(month.get("sales"));
        JsonNode clientsOnly = IMPORTS.run(connection, "incremental");
        assertThat(clientsOnly.path("streams").fieldNames()).toIterable().containsExactly("clients");

        Json.Answer everything = IMPORTS.put("/connections/" + connection + "?check=false",
                "{\"config\":" + body.path("config") + ",\"streams\":null}");
        assertThat(everything.status()).as(everything.body().toString()).isEqualTo(200);
        assertThat(viewRows("mindbody_sales", connection)).isEqualTo(month.get("sales"));
    }

    @Test
    void streamsThatThePluginDoesNotOfferAreRefusedNamingEachAndNothingIsStored() {
        long before = SERVER.queryLong("SELECT count(*) FROM connections");
        ObjectNode body = demoSite("studio-bad-streams");

        body.set("streams", Json.parse("[\"clients\", \"lessons\", \"clients\", {\"mode\": \"full\"}]"));
        Json.Answer bad = IMPORTS.post("/connections", body.toString());
        body.set("streams", Json.parse("[]"));
        Json.Answer none = IMPORTS.post("/connections", body.toString());
        body.set("streams", Json.parse("[{\"name\": \"sales\", \"mode\": \"sometimes\"}]"));
        Json.Answer badMode = IMPORTS.post("/connections", body.toString());

        assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
        assertThat(bad.body().path("code").asText()).isEqualTo("invalid_streams");
        assertThat(bad.body().path("details").path("errors").findValuesAsText("field"))
                .containsExactly("streams[1]", "streams[2]", "streams[3]");
        assertThat(bad.body().path("message").asText()).contains("'lessons' is not a stream of plugin 'mindbody'")
                .contains("[clients, classes, class_schedules, visits, sales]");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().path("message").asText()).contains("leave it out to import every stream");
        assertThat(badMode.status()).as(badMode.body().toString()).isEqualTo(400);
        assertThat(badMode.body().toString()).contains("'full' or 'incremental'");
        assertThat(SERVER.queryLong("SELECT count(*) FROM connections")).isEqualTo(before);
        assertThat(SANDBOX_ADMIN.mindbodyRequests()).as("nothing was checked either").isEmpty();
    }

    private static long viewRows(String view, long connection) {
        return SERVER.queryLong("SELECT count(*) FROM " + view + " WHERE connection_id = " + connection);
    }

    @Test
    void aKeptTokenMindbodyNoLongerAcceptsIsReplacedByExactlyOneNewIssueAndTheRunSucceeds() {
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-expired", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString()));
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        assertThat(requests()).as("the calls of a full import of March 2025").hasSize(MONTH_CALLS);
        String kept = Json.parse(SERVER.stateValue(connection, "staffToken")).path("token").asText();
        // a day later at Mindbody: the kept token has expired there, while the server's clock says it is young
        SANDBOX_CLOCK.advance(Duration.ofHours(24).plusMinutes(1));

        JsonNode incremental = IMPORTS.run(connection, "incremental");

        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        List<JsonNode> requests = requests();
        assertThat(tokenIssues(requests)).as("tokens issued over both runs").isEqualTo(2);
        List<JsonNode> refused = requests.stream().filter(r -> r.path("status").asInt() == 401).toList();
        assertThat(refused).as("calls refused with the expired token").hasSize(1);
        int refusedAt = requests.indexOf(refused.get(0));
        assertThat(requests.get(refusedAt + 1).path("path").asText()).isEqualTo(ISSUE_TOKEN);
        assertThat(requests.get(refusedAt + 2).path("path").asText()).isEqualTo(refused.get(0).path("path").asText());
        assertThat(requests.get(refusedAt + 2).path("query")).isEqualTo(refused.get(0).path("query"));
        assertThat(requests.subList(refusedAt + 1, requests.size()))
                .allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(200));
        assertThat(Json.parse(SERVER.stateValue(connection, "staffToken")).path("token").asText())
                .isNotEqualTo(kept).hasSize(32);
    }

    @Test
    void anImportThatSpendsItsDailyQuotaWaitsAndThenContinuesWithoutFetchingAStoredPageAgain() {
        int quota = 25;
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-quota", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString(), "dailyQuota", quota));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();

        AtomicReference<JsonNode> waiting = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode run = IMPORTS.run(runId);
            if (run.path("status").asText().equals("waiting") && waiting.get() == null) {
                waiting.set(run);
            }
            return run.path("status").asText().equals("succeeded") || run.path("status").asText().equals("failed");
        });

        JsonNode run = IMPORTS.run(runId);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(waiting.get()).as("the run waited for its quota window").isNotNull();
        assertThat(waiting.get().path("error").asText()).as(waiting.get().toString())
                .contains("spent its quota of " + quota + " calls").contains("it may call again at");
        Instant resumeAt = Instant.parse(waiting.get().path("resumeAt").asText());
        assertThat(waiting.get().path("error").asText()).contains(resumeAt.toString());
        assertThat(run.path("resumeAt").isNull()).isTrue();

        Map<String, Long> expected = SANDBOX.mindbody().streams(MONTH_START, MONTH_END);
        assertThat(run.path("counts").path("inserted").asLong())
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(run.path("counts").path("updated").asLong() + run.path("counts").path("unchanged").asLong())
                .as("records stored twice").isZero();
        List<JsonNode> requests = requests();
        assertThat(requests).allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(200));
        assertThat(tokenIssues(requests)).as("the token outlived the waits").isOne();
        // class_schedules and visits are both read from the pages of /class/classes, so each is asked twice
        Map<String, Integer> timesAsked = new HashMap<>();
        requests.forEach(r -> timesAsked.merge(r.path("method").asText() + " " + r.path("path").asText() + " "
                + r.path("query"), 1, Integer::sum));
        assertThat(timesAsked).as("times each request was made").allSatisfy((request, times) ->
                assertThat(times).as(request).isEqualTo(request.contains("/class/classes ") ? 2 : 1));
        assertThat(requests).as("the calls of an uninterrupted full import of March 2025").hasSize(MONTH_CALLS);
        long windows = SERVER.queryLong("SELECT count(*) FROM quota_usage WHERE connection_id = " + connection);
        assertThat(windows).as("quota windows the import spanned")
                .isGreaterThanOrEqualTo((requests.size() + quota - 1) / quota);
        assertThat(SERVER.queryLong("SELECT max(calls) FROM quota_usage WHERE connection_id = " + connection))
                .isEqualTo(quota);
    }

    /** Counts each request (method, path, query) of the answered ones; 429s apart. */
    private static Map<String, Integer> timesAnswered(List<JsonNode> requests) {
        Map<String, Integer> times = new HashMap<>();
        requests.stream().filter(r -> r.path("status").asInt() == 200).forEach(r -> times.merge(
                r.path("method").asText() + " " + r.path("path").asText() + " " + r.path("query"), 1, Integer::sum));
        return times;
    }

    @Test
    void withOverageAllowedAndMindbodyBillingItTheImportGoesOnPastTheQuotaAndTheOverageIsBilled() {
        SANDBOX_ADMIN.mindbodyLimits("{\"dailyQuota\":30,\"overQuota\":\"bill\"}");
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-billed", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString(), "dailyQuota", 25, "allowOverage", true));

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(requests()).hasSize(MONTH_CALLS);
        assertThat(SANDBOX_ADMIN.mindbodyStats().path("quota").path("billedOverage").asLong())
                .as("calls Mindbody billed beyond its 30").isEqualTo(MONTH_CALLS - 30);
    }

    @Test
    void whenMindbodyRefusesCallsPastItsQuotaTheRunFailsAndAResumeTheNextDayFetchesNoStoredPageAgain() {
        SANDBOX_ADMIN.mindbodyLimits("{\"dailyQuota\":30,\"overQuota\":\"block\"}");
        long connection = IMPORTS.createUncheckedConnection(demoSite("studio-blocked", "startDate", MONTH_START.toString(),
                "endDate", MONTH_END.toString(), "allowOverage", true));

        JsonNode failed = IMPORTS.run(connection, "full");

        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("HTTP 429");
        List<JsonNode> beforeResume = requests();
        assertThat(beforeResume.stream().filter(r -> r.path("status").asInt() == 200)).hasSize(30);
        assertThat(beforeResume.stream().filter(r -> r.path("status").asInt() == 429)
                .map(r -> r.path("query")).distinct())
                .as("the one request refused, again and again").hasSize(1);

        SANDBOX_ADMIN.mindbodyLimits("{\"dailyQuota\":1000,\"overQuota\":\"block\"}"); // the next day
        Json.Answer resumed = IMPORTS.post("/imports/" + failed.path("id").asLong() + "/resume", "");
        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(202);
        JsonNode run = IMPORTS.awaitEnd(resumed.body().path("id").asLong());

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        Map<String, Long> expected = SANDBOX.mindbody().streams(MONTH_START, MONTH_END);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        List<JsonNode> requests = requests();
        assertThat(timesAnswered(requests)).as("times each request was answered").allSatisfy((request, times) ->
                assertThat(times).as(request).isEqualTo(request.contains("/class/classes ") ? 2 : 1));
        assertThat(requests.stream().filter(r -> r.path("status").asInt() == 200)).hasSize(MONTH_CALLS);
        assertThat(tokenIssues(requests)).isOne();
    }
}
