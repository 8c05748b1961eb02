package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

/**
 * Plugins come and go while the server runs: rescan, disable and enable, without a restart; connections of a
 * plugin that is not there say so, and neither imports nor schedule fires run them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Isolated // it listens to a logger of the JVM, whose appenders a server starting in another class would reset
class PluginsAtRuntimeTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(1_000).withAirtableRequestsPerSecond(0));
    // rescans here are the admin's: a watcher's rescan could load a jar before the call whose answer is checked
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("plugins.watch", "false"));
    private static final Imports IMPORTS = new Imports(SERVER);
    /** The logger of the schedule fires of the server, which runs in this JVM. */
    private static final String SCHEDULE_FIRES_LOG = "io.inflow.server.jobs.ScheduleFires";

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aJarDroppedInWhileTheServerRunsIsLoadedByARescanAndARemovedOneUnloaded() throws Exception {
        Path example = Path.of(System.getProperty("inflow.example.jar"));
        assertThat(plugin("notes")).isNull();

        Files.copy(example, SERVER.pluginsDir.resolve("notes.jar"), StandardCopyOption.REPLACE_EXISTING);
        JsonNode rescan = IMPORTS.post("/plugins/rescan", "").body();

        assertThat(rescan.path("loaded").toString()).contains("notes");
        assertThat(plugin("notes").path("state").asText()).isEqualTo("STARTED");

        Files.delete(SERVER.pluginsDir.resolve("notes.jar"));
        JsonNode second = IMPORTS.post("/plugins/rescan", "").body();

        assertThat(second.path("unloaded").toString()).contains("notes");
        assertThat(plugin("notes")).isNull();
        assertThat(plugin("airtable").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void aDisabledPluginsConnectionsCannotImportUntilItIsEnabledAgain() {
        long connection = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "clinic-disabled"));

        JsonNode disabled = IMPORTS.post("/plugins/airtable/disable", "").body();
        Json.Answer refused = IMPORTS.trigger(connection, "full");

        assertThat(disabled.path("state").asText()).isEqualTo("DISABLED");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("plugin_unavailable");

        JsonNode enabled = IMPORTS.post("/plugins/airtable/enable", "").body();

        assertThat(enabled.path("state").asText()).isEqualTo("STARTED");
        assertThat(IMPORTS.run(connection, "full").path("counts").path("inserted").asLong()).isEqualTo(1_000);
        assertThat(IMPORTS.post("/plugins/nope/disable", "").status()).isEqualTo(404);
    }

    @Test
    void aDisabledPluginsConnectionSaysSoAndItsScheduleCreatesNoRunUntilThePluginIsEnabled() {
        long connection = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "clinic-scheduled"));
        assertThat(IMPORTS.get("/connections/" + connection).body().path("pluginState").asText()).isEqualTo("active");
        assertThat(IMPORTS.get("/connections/" + connection).body().path("pluginMessage").isNull()).isTrue();
        ListAppender<ILoggingEvent> scheduleLog = capture(SCHEDULE_FIRES_LOG);
        try {
            IMPORTS.post("/plugins/airtable/disable", "");
            Json.Answer scheduled = IMPORTS.put("/connections/" + connection + "/schedule",
                    "{\"cron\":\"* * * * * *\",\"timezone\":\"UTC\"}");
            assertThat(scheduled.status()).as("%s", scheduled.body()).isEqualTo(200);

            String message = "plugin 'airtable' is disabled by an admin; enable it to import again";
            JsonNode shown = IMPORTS.get("/connections/" + connection).body();
            assertThat(shown.path("pluginState").asText()).isEqualTo("disabled");
            assertThat(shown.path("pluginMessage").asText()).isEqualTo(message);
            assertThat(listed(connection).path("pluginState").asText()).isEqualTo("disabled");
            Json.Answer refused = IMPORTS.trigger(connection, "full");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("code").asText()).isEqualTo("plugin_unavailable");
            assertThat(refused.body().path("message").asText()).isEqualTo(message);
            assertThat(refused.body().path("details").path("pluginState").asText()).isEqualTo("disabled");

            // fires every second: wait for three of them, none of which may create a run or log again
            await().atMost(Duration.ofSeconds(10)).until(() -> logged(scheduleLog, connection) == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> runsOf(connection) == 0 && logged(scheduleLog, connection) == 1);
            assertThat(lines(scheduleLog, connection)).containsExactly("WARN The schedule of connection " + connection
                    + " creates no run until its plugin is back: " + message);

            IMPORTS.post("/plugins/airtable/enable", "");

            await().atMost(Duration.ofSeconds(15)).until(() -> runsOf(connection) >= 1);
            assertThat(SERVER.queryLong("SELECT count(*) FROM import_runs WHERE trigger <> 'schedule'"
                    + " AND connection_id = " + connection)).isZero();
            assertThat(lines(scheduleLog, connection)).contains("INFO Plugin 'airtable' is back: the schedule of "
                    + "connection " + connection + " fires again");
            assertThat(IMPORTS.get("/connections/" + connection).body().path("pluginState").asText())
                    .isEqualTo("active");
        } finally {
            IMPORTS.post("/plugins/airtable/enable", "");
            IMPORTS.put("/connections/" + connection + "/schedule", "{\"enabled\":false}");
            release(SCHEDULE_FIRES_LOG, scheduleLog);
            await().atMost(Duration.ofMinutes(2)).until(() -> SERVER.queryLong(
                    "SELECT count(*) FROM import_runs WHERE status IN ('queued', 'running', 'cancelling')"
                            + " AND connection_id = " + connection) == 0);
        }
    }

    @Test
    void aConnectionWhosePluginJarWasRemovedSaysItIsMissingAndWorksAgainWhenTheJarIsBack() throws Exception {
        Path example = Path.of(System.getProperty("inflow.example.jar"));
        Path installed = SERVER.pluginsDir.resolve("notes.jar");
        Files.copy(example, installed, StandardCopyOption.REPLACE_EXISTING);
        IMPORTS.post("/plugins/rescan", "");
        long connection = IMPORTS.createUncheckedConnection(Json.parse(
                "{\"plugin\":\"notes\",\"name\":\"notes-missing\",\"config\":{\"baseUrl\":\"http://localhost:9\","
                        + "\"token\":\"secret-token\"}}"));

        Files.delete(installed);
        IMPORTS.post("/plugins/rescan", "");

        String message = "plugin 'notes' is not in the plugins folder; put its jar back to import again";
        JsonNode shown = IMPORTS.get("/connections/" + connection).body();
        assertThat(shown.path("pluginState").asText()).isEqualTo("missing");
        assertThat(shown.path("pluginMessage").asText()).isEqualTo(message);
        assertThat(shown.path("config").path("token").asText()).isNotEqualTo("secret-token");
        Json.Answer refused = IMPORTS.trigger(connection, "full");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("plugin_unavailable");
        assertThat(refused.body().path("message").asText()).isEqualTo(message);
        assertThat(refused.body().path("details").path("pluginState").asText()).isEqualTo("missing");

        Files.copy(example, installed);
        IMPORTS.post("/plugins/rescan", "");

        assertThat(IMPORTS.get("/connections/" + connection).body().path("pluginState").asText()).isEqualTo("active");
        assertThat(IMPORTS.get("/connections/" + connection).body().path("pluginMessage").isNull()).isTrue();
        Files.delete(installed);
        IMPORTS.post("/plugins/rescan", "");
    }

    private static ListAppender<ILoggingEvent> capture(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    private static void release(String loggerName, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(loggerName)).detachAppender(appender);
        appender.stop();
    }

    /** The log lines about one connection, as "LEVEL message". */
    private static List<String> lines(ListAppender<ILoggingEvent> appender, long connection) {
        synchronized (appender) {
            return appender.list.stream()
                    .map(event -> event.getLevel() + " " + event.getFormattedMessage())
                    .filter(line -> line.matches(".*connection " + connection + "\\b.*"))
                    .toList();
        }
    }

    private static long logged(ListAppender<ILoggingEvent> appender, long connection) {
        return lines(appender, connection).size();
    }

    private static long runsOf(long connection) {
        return SERVER.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + connection);
    }

    private static JsonNode listed(long connection) {
        for (JsonNode shown : IMPORTS.get("/connections").body()) {
            if (shown.path("id").asLong() == connection) {
                return shown;
            }
        }
        throw new AssertionError("connection " + connection + " is not listed");
    }

    private static JsonNode plugin(String id) {
        for (JsonNode plugin : IMPORTS.get("/plugins").body()) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        return null;
    }
}
