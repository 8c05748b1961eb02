package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The curl scripts of {@code scripts/} against a live server and the sandbox, run with bash the way a user runs
 * them: what they print must be what the API says, and their exit codes must tell success from failure.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CurlScriptsTest {

    private static final String TABLE_RECORDS = "20,077";

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    // a cancelled run whose upstream call hangs is interrupted after 2 s instead of 10
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("jobs.cancelGrace", "2s"));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void importByNameWithWaitFollowsTheRunToTheEndAndPrintsItsCounts() {
        // 100 requests/second: 201 pages take a few seconds, long enough to show progress
        long connection = IMPORTS.createConnection(connection("clinic-wait", "requestsPerSecond", "100"));

        Scripts.Result result = scripts().run("inflow-import.sh", "clinic-wait", "--full", "--wait");

        assertThat(result.exitCode()).as(result.all()).isZero();
        long runId = newestRun(connection).path("id").asLong();
        assertThat(result.out()).startsWith("import run " + runId + " of connection " + connection
                + " (clinic-wait): full, queued at ");
        assertThat(result.out().lines().filter(line -> line.startsWith("run " + runId + " running ")))
                .as("progress lines, one per 5 seconds when stdout is not a terminal").isNotEmpty()
                .allMatch(line -> line.matches("run \\d+ running .*[\\d,]+ records \\([\\d,]+ inserted, 0 updated, "
                        + "0 unchanged, 0 failed, 0 deleted\\)"));
        assertThat(result.out()).doesNotContain("\r").contains("run " + runId + " succeeded in ");
        assertThat(result.row("STREAM")).containsExactly("STREAM", "STATUS", "INSERTED", "UPDATED", "UNCHANGED",
                "FAILED", "DELETED");
        assertThat(result.row("Conversations")).containsExactly("Conversations", "succeeded", TABLE_RECORDS, "0",
                "0", "0", "0");
        assertThat(result.row("TOTAL")).containsExactly("TOTAL", "-", TABLE_RECORDS, "0", "0", "0", "0");
        assertThat(result.err()).isEmpty();
        JsonNode run = IMPORTS.run(runId);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("mode").asText()).isEqualTo("full");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(20_077);
    }

    @Test
    void importWithoutWaitPrintsTheQueuedRunInTheServersDefaultModeAndNamesMayHoldAnyCharacter() {
        String name = "clinic \\ \"queued\" ☕";
        long connection = IMPORTS.createConnection(connection(name));

        Scripts.Result byName = scripts().run("inflow-import.sh", name);

        assertThat(byName.exitCode()).as(byName.all()).isZero();
        JsonNode run = newestRun(connection);
        // the answer to the trigger says queued, or running when a worker claimed the run before it was written
        assertThat(byName.out().lines().toList()).singleElement().asString()
                .matches(java.util.regex.Pattern.quote("import run " + run.path("id").asLong() + " of connection "
                        + connection + " (" + name + "): incremental, ") + "(queued|running) at .*");
        assertThat(IMPORTS.awaitEnd(run.path("id").asLong()).path("counts").path("inserted").asLong())
                .as("the first incremental import reads everything").isEqualTo(20_077);

        Scripts.Result byId = scripts().run("inflow-import.sh", Long.toString(connection));

        assertThat(byId.exitCode()).as(byId.all()).isZero();
        assertThat(byId.out().strip()).matches(java.util.regex.Pattern.quote("import run "
                + newestRun(connection).path("id").asLong() + " of connection " + connection + " (" + connection
                + "): incremental, ") + "(queued|running) at .*");
        IMPORTS.awaitEnd(newestRun(connection).path("id").asLong());
    }

    @Test
    void aFailedImportExitsNonZeroWithTheRunsError() {
        IMPORTS.createUncheckedConnection(connection("clinic-bad-token", "apiToken", "not-the-token"));

        Scripts.Result result = scripts().run("inflow-import.sh", "clinic-bad-token", "--full", "--wait");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.row("TOTAL")).containsExactly("TOTAL", "-", "0", "0", "0", "0", "0");
        assertThat(result.row("Conversations")).containsExactly("Conversations", "failed", "0", "0", "0", "0", "0");
        assertThat(result.err()).matches("(?s)error: run \\d+ failed: .*Airtable rejected the API token.*\n")
                .doesNotContain("not-the-token");
    }

    @Test
    void historyListsTheRunsOfAConnectionWithTheirCounts() {
        long connection = IMPORTS.createConnection(connection("clinic-history"));
        JsonNode first = IMPORTS.run(connection, "full");
        JsonNode second = IMPORTS.run(connection, "full");

        Scripts.Result result = scripts().run("inflow-history.sh", "clinic-history");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.row("RUN")).containsExactly("RUN", "CONNECTION", "TRIGGER", "MODE", "STATUS", "CREATED",
                "DURATION", "INSERTED", "UPDATED", "UNCHANGED", "FAILED", "DELETED", "ERROR");
        List<String> newest = result.row(second.path("id").asText());
        assertThat(newest.subList(0, 5)).containsExactly(second.path("id").asText(), "clinic-history", "manual",
                "full", "succeeded");
        assertThat(newest.subList(7, 13)).containsExactly("0", "0", TABLE_RECORDS, "0", "0", "-");
        assertThat(result.row(first.path("id").asText()).subList(7, 13))
                .containsExactly(TABLE_RECORDS, "0", "0", "0", "0", "-");
        assertThat(result.out().indexOf(second.path("id").asText() + "  clinic-history"))
                .as("newest first").isLessThan(result.out().indexOf(first.path("id").asText() + "  clinic-history"));

        Scripts.Result limited = scripts().run("inflow-history.sh", Long.toString(connection), "--limit", "1",
                "--status", "succeeded");

        assertThat(limited.exitCode()).as(limited.all()).isZero();
        assertThat(limited.out().lines().toList()).hasSize(3);
        assertThat(limited.row(second.path("id").asText()).get(4)).isEqualTo("succeeded");
        assertThat(limited.out()).endsWith("(older runs exist: raise --limit to see them)\n");

        Scripts.Result none = scripts().run("inflow-history.sh", "clinic-history", "--status", "failed");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("no import runs\n");
    }

    @Test
    void statusShowsTheSchedulerAndEachConnectionsLastRun() {
        long connection = IMPORTS.createConnection(connection("clinic-status"));
        JsonNode run = IMPORTS.run(connection, "full");

        Scripts.Result result = scripts().run("inflow-status.sh");

        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode status = IMPORTS.get("/status").body();
        assertThat(result.out()).startsWith("scheduler: " + status.path("scheduler").asText() + " (since ");
        List<String> last = result.after("Last runs:").row(Long.toString(connection));
        assertThat(last.subList(0, 4)).containsExactly(Long.toString(connection), "clinic-status",
                run.path("id").asText(), "succeeded");
        assertThat(last.get(4)).isEqualTo(run.path("finishedAt").asText().replaceFirst("\\.\\d+Z$", "Z")
                .replace('T', ' '));
        assertThat(last.subList(6, 12)).containsExactly(TABLE_RECORDS, "0", "0", "0", "0", "-");
    }

    @Test
    void statusShowsThePercentAndEtaOfTheRunOrElseOfTheStreamBeingRead() {
        // a full re-import of Airtable: its one stream is expected to hold the 20,077 records stored, so the server
        // knows the whole run's percent; a first Mindbody import: only the stream being read has an estimated total
        // (Mindbody's count of clients), the four after it have none yet, so the run's percent is unknown
        long airtable = IMPORTS.createConnection(connection("clinic-progress", "requestsPerSecond", "50"));
        IMPORTS.run(airtable, "full");
        ObjectNode studio = SANDBOX_ADMIN.connections().path("mindbody").deepCopy();
        studio.put("name", "studio-progress");
        ((ObjectNode) studio.path("config")).put("requestsPerSecond", 2);
        long mindbody = IMPORTS.createConnection(studio);
        // Mindbody at 2 requests/second reads its 6,539 clients in 16 s, Airtable at 50 its 20,077 records in 4 s
        List<Long> started = new java.util.ArrayList<>();
        try {
            long mindbodyRun = IMPORTS.trigger(mindbody, "full").body().path("id").asLong();
            started.add(mindbodyRun);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                    IMPORTS.run(mindbodyRun).path("streams").path("clients").path("done").asLong() > 0);
            long airtableRun = IMPORTS.trigger(airtable, "full").body().path("id").asLong();
            started.add(airtableRun);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                    IMPORTS.run(airtableRun).path("streams").path("Conversations").path("done").asLong() >= 500);
            // every upstream answer now comes after the server's read timeout: both runs stop where they are
            SANDBOX_ADMIN.faults("{\"slow\":1.0,\"slowMs\":120000}");
            AtomicReference<List<Long>> previous = new AtomicReference<>(List.of());
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(700)).until(() -> {
                List<Long> done = List.of(IMPORTS.run(airtableRun).path("counts").path("unchanged").asLong(),
                        IMPORTS.run(mindbodyRun).path("counts").path("inserted").asLong());
                return done.equals(previous.getAndSet(done));
            });

            JsonNode before = inProgress();
            Scripts.Result result = scripts().run("inflow-status.sh");
            JsonNode after = inProgress();

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(after.path(Long.toString(airtableRun)).path("run").path("counts"))
                    .isEqualTo(before.path(Long.toString(airtableRun)).path("run").path("counts"));
            assertThat(after.path(Long.toString(mindbodyRun)).path("run").path("counts"))
                    .isEqualTo(before.path(Long.toString(mindbodyRun)).path("run").path("counts"));
            Scripts.Result table = result.after("In progress:");
            assertThat(table.row("RUN")).containsExactly("RUN", "CONNECTION", "MODE", "STATUS", "PROGRESS", "ETA",
                    "RECORDS", "INSERTED", "UPDATED", "UNCHANGED", "FAILED", "DELETED", "STARTED");

            // the whole run: the server's percent and ETA
            JsonNode whole = before.path(Long.toString(airtableRun));
            long read = whole.path("run").path("streams").path("Conversations").path("done").asLong();
            assertThat(whole.path("run").path("streams").path("Conversations").path("estimatedTotal").asLong())
                    .isEqualTo(20_077);
            assertThat(whole.path("percent").asDouble()).isEqualTo(Math.round(1000.0 * read / 20_077) / 10.0);
            List<String> airtableRow = table.row(Long.toString(airtableRun));
            assertThat(airtableRow.subList(0, 5)).containsExactly(Long.toString(airtableRun), "clinic-progress",
                    "full", "running", whole.path("percent").asText() + "%");
            assertThat(seconds(airtableRow.get(5))).as(result.all()).isBetween(whole.path("etaSeconds").asLong(),
                    after.path(Long.toString(airtableRun)).path("etaSeconds").asLong());
            assertThat(airtableRow.get(6)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", read));

            // the stream being read: its percent, and its records left at the run's records per second
            JsonNode partial = before.path(Long.toString(mindbodyRun));
            assertThat(partial.path("percent").isNull()).isTrue();
            JsonNode clients = partial.path("run").path("streams").path("clients");
            assertThat(clients.path("status").asText()).isEqualTo("running");
            assertThat(clients.path("estimatedTotal").asLong()).isEqualTo(6_539);
            long clientsRead = clients.path("done").asLong();
            assertThat(clients.path("percent").asDouble()).isEqualTo(Math.round(1000.0 * clientsRead / 6_539) / 10.0);
            List<String> mindbodyRow = table.row(Long.toString(mindbodyRun));
            assertThat(mindbodyRow.subList(0, 5)).containsExactly(Long.toString(mindbodyRun), "studio-progress",
                    "full", "running", clients.path("percent").asText() + "% of clients");
            assertThat(mindbodyRow.get(5)).as(result.all()).endsWith(" + 4 streams");
            assertThat(seconds(mindbodyRow.get(5).replace(" + 4 streams", ""))).isBetween(
                    streamEta(6_539 - clientsRead, partial), streamEta(6_539 - clientsRead,
                            after.path(Long.toString(mindbodyRun))));
            assertThat(mindbodyRow.get(6)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", clientsRead));
        } finally {
            SANDBOX_ADMIN.faults("{}");
            started.forEach(run -> IMPORTS.post("/imports/" + run + "/cancel", ""));
            started.forEach(IMPORTS::awaitEnd);
            // the other tests list connections of the airtable plugin only
            assertThat(IMPORTS.delete("/connections/" + mindbody + "?purge=true").status()).isEqualTo(204);
        }
    }

    /** The runs in progress of {@code GET /status}, by run id. */
    private static JsonNode inProgress() {
        ObjectNode byRun = JsonNodeFactory.instance.objectNode();
        IMPORTS.get("/status").body().path("inProgress").forEach(entry ->
                byRun.set(entry.path("run").path("id").asText(), entry));
        return byRun;
    }

    /** Seconds to read {@code left} records at the run's records per second, rounded as the script rounds. */
    private static long streamEta(long left, JsonNode inProgress) {
        return (long) Math.floor(left / inProgress.path("run").path("recordsPerSecond").asDouble() + 0.5);
    }

    /** The seconds of a duration as the scripts print it: {@code 42 s}, {@code 3m05s}, {@code 2h04m}. */
    private static long seconds(String duration) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+) s|(\\d+)m(\\d\\d)s|(\\d+)h(\\d\\d)m")
                .matcher(duration);
        assertThat(matcher.matches()).as("a duration: '%s'", duration).isTrue();
        if (matcher.group(1) != null) {
            return Long.parseLong(matcher.group(1));
        }
        if (matcher.group(2) != null) {
            return Long.parseLong(matcher.group(2)) * 60 + Long.parseLong(matcher.group(3));
        }
        return Long.parseLong(matcher.group(4)) * 3600 + Long.parseLong(matcher.group(5)) * 60;
    }

    @Test
    void connectionsListsNamesPluginsSchedulesAndLastRuns() {
        long scheduled = IMPORTS.createConnection(connection("clinic-listed"));
        assertThat(IMPORTS.put("/connections/" + scheduled + "/schedule",
                "{\"cron\":\"0 0 1 1 *\",\"timezone\":\"Europe/Paris\"}").status()).isEqualTo(200);
        String unicodeName = "café ☕ \"quoted\" \\ back";
        long unicode = IMPORTS.createConnection(connection(unicodeName));
        JsonNode run = IMPORTS.run(unicode, "full");

        Scripts.Result result = scripts().run("inflow-connections.sh");

        assertThat(result.exitCode()).as(result.all()).isZero();
        String nextFire = IMPORTS.get("/connections/" + scheduled + "/schedule").body().path("nextFireTimes")
                .get(0).asText().replace('T', ' ');
        assertThat(result.row(Long.toString(scheduled))).containsExactly(Long.toString(scheduled), "clinic-listed",
                "airtable", "0 0 1 1 * (Europe/Paris)", nextFire, "never");
        assertThat(result.row(Long.toString(unicode)).subList(0, 5)).containsExactly(Long.toString(unicode),
                unicodeName, "airtable", "-", "-");
        assertThat(result.row(Long.toString(unicode)).get(5)).startsWith("#" + run.path("id").asText() + " succeeded ");
        List<String> lines = result.out().lines().toList();
        int pluginColumn = lines.get(0).indexOf("PLUGIN");
        assertThat(lines).as("columns line up, counting characters, not UTF-8 bytes").hasSizeGreaterThan(2)
                .allMatch(line -> line.startsWith("PLUGIN", pluginColumn) || line.startsWith("airtable", pluginColumn));
    }

    @Test
    void schedulerStopStatusAndStartSayWhatTheApiSays() {
        long connection = IMPORTS.createConnection(connection("clinic-scheduled"));
        IMPORTS.put("/connections/" + connection + "/schedule", "{\"cron\":\"0 0 1 1 *\",\"timezone\":\"UTC\"}");
        String nextFire = java.time.Year.now(java.time.ZoneOffset.UTC).plusYears(1).getValue() + "-01-01 00:00:00Z";
        String nothingFires = "Upcoming fires: none, the scheduler is stopped. Nothing fires until it is started "
                + "(inflow-scheduler.sh start);\na fire time that passes before then is skipped.\n\n"
                + "Schedules held while it is stopped:\n";
        try {
            Scripts.Result stopped = scripts().run("inflow-scheduler.sh", "stop");

            assertThat(stopped.exitCode()).as(stopped.all()).isZero();
            assertThat(stopped.out()).startsWith("scheduler: stopped (since ")
                    .contains(" by test-admin)\n\n" + nothingFires).doesNotContain("Upcoming fires:\n");
            assertThat(IMPORTS.get("/scheduler").body().path("state").asText()).isEqualTo("stopped");
            assertThat(stopped.row(Long.toString(connection))).containsExactly(Long.toString(connection),
                    "clinic-scheduled", "0 0 1 1 *", "UTC", nextFire + " (held: scheduler stopped)");

            Scripts.Result status = scripts().run("inflow-scheduler.sh", "status");
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).startsWith("scheduler: stopped (since ").contains(nothingFires);
            assertThat(status.row(Long.toString(connection)).get(4)).isEqualTo(nextFire + " (held: scheduler stopped)");
            assertThat(scripts().run("inflow-status.sh").out()).startsWith("scheduler: stopped");
            Scripts.Result listed = scripts().run("inflow-connections.sh");
            assertThat(listed.row(Long.toString(connection)).get(4)).isEqualTo(nextFire);
            assertThat(listed.out()).endsWith("\nThe scheduler is stopped: no NEXT FIRE above happens until it is "
                    + "started (inflow-scheduler.sh start).\n");
        } finally {
            Scripts.Result started = scripts().run("inflow-scheduler.sh", "start");
            assertThat(started.exitCode()).as(started.all()).isZero();
            assertThat(started.out()).startsWith("scheduler: running (since ").contains("\n\nUpcoming fires:\n")
                    .doesNotContain("held");
            assertThat(started.row(Long.toString(connection))).containsExactly(Long.toString(connection),
                    "clinic-scheduled", "0 0 1 1 *", "UTC", nextFire);
            assertThat(scripts().run("inflow-connections.sh").out()).doesNotContain("The scheduler is stopped");
        }
        assertThat(IMPORTS.get("/scheduler").body().path("state").asText()).isEqualTo("running");
    }

    @Test
    void anUnknownConnectionOrABadFilterFailsWithAMessage() {
        Scripts.Result byName = scripts().run("inflow-import.sh", "no-such-connection", "--wait");
        Scripts.Result byId = scripts().run("inflow-import.sh", "999999");
        Scripts.Result badStatus = scripts().run("inflow-history.sh", "--status", "sideways");

        assertThat(byName.exitCode()).isEqualTo(1);
        assertThat(byName.err()).startsWith("error: no connection is named 'no-such-connection' (connections: ");
        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.out()).isEmpty();
        assertThat(byId.err()).isEqualTo("error: HTTP 404 connection_not_found: no connection has id 999999\n");
        assertThat(badStatus.exitCode()).isEqualTo(1);
        assertThat(badStatus.err()).isEqualTo("error: HTTP 400 invalid_parameter: status must be one of [queued, "
                + "running, waiting, cancelling, cancelled, succeeded, failed, interrupted], was 'sideways'\n"
                + "  parameter: status\n");
    }

    @Test
    void aServerThatIsDownIsAClearFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Scripts down = new Scripts(Map.of("INFLOW_URL", "http://localhost:" + closedPort));

        for (String[] command : List.of(new String[] {"inflow-status.sh"}, new String[] {"inflow-connections.sh"},
                new String[] {"inflow-import.sh", "clinic", "--wait"}, new String[] {"inflow-scheduler.sh", "status"},
                new String[] {"inflow-history.sh"})) {
            Scripts.Result result = down.run(command[0], java.util.Arrays.copyOfRange(command, 1, command.length));

            assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("error: cannot reach Inflow at http://localhost:" + closedPort + ": ")
                    .contains("is the server running? Set INFLOW_URL");
        }
    }

    @Test
    void wrongUsageExitsWithTwoAndHelpWithZero() {
        for (String script : List.of("inflow-import.sh", "inflow-status.sh", "inflow-history.sh",
                "inflow-scheduler.sh", "inflow-connections.sh")) {
            Scripts.Result help = scripts().run(script, "--help");
            assertThat(help.exitCode()).as(help.all()).isZero();
            assertThat(help.out()).startsWith("Usage: " + script);
        }
        assertUsageError(scripts().run("inflow-import.sh"), "error: the connection to import is required");
        assertUsageError(scripts().run("inflow-import.sh", "clinic", "--fast"), "error: unknown option: --fast");
        assertUsageError(scripts().run("inflow-history.sh", "--limit", "0"),
                "error: --limit must be a positive number, was '0'");
        assertUsageError(scripts().run("inflow-scheduler.sh", "pause"), "error: unknown command: pause");
        assertUsageError(scripts().run("inflow-scheduler.sh"), "error: a command is required");
        assertUsageError(scripts().run("inflow-status.sh", "now"), "error: unexpected argument: now");
    }

    @Test
    void aWrongApiKeyIsA401WithTheServersMessage() {
        Scripts wrongKey = new Scripts(Map.of("INFLOW_URL", "http://localhost:" + SERVER.app.getLocalPort(),
                "INFLOW_API_KEY", "not-a-key"));

        Scripts.Result result = wrongKey.run("inflow-connections.sh");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: HTTP 401");
        Json.Answer direct = Json.withKey("not-a-key").get(SERVER.api("/connections"));
        assertThat(direct.status()).isEqualTo(401);
        assertThat(result.err()).contains(direct.body().path("message").asText());
    }

    private static void assertUsageError(Scripts.Result result, String message) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(message).contains("\nUsage: ");
    }

    private static Scripts scripts() {
        return new Scripts(Map.of("INFLOW_URL", "http://localhost:" + SERVER.app.getLocalPort(),
                "INFLOW_API_KEY", TestKeys.ADMIN));
    }

    private static JsonNode connection(String name, String... configPairs) {
        String[] pairs = configPairs.length > 0 ? configPairs : new String[] {"requestsPerSecond", "1000"};
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, pairs);
    }

    private static JsonNode newestRun(long connection) {
        JsonNode runs = IMPORTS.get("/imports?connection=" + connection + "&limit=1").body().path("runs");
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }
}
