package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Inflow nodes on one PostgreSQL: every import runs exactly once, and the scheduler switch is shared. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoNodesTest {

    private static final int RECORDS = 1_000;
    private static final int PAGES = RECORDS / 100;

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(RECORDS).withAirtableRequestsPerSecond(0));
    private static final Sandbox SCHEDULED_SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(RECORDS).withAirtableRequestsPerSecond(0));
    private static final TestServer NODE_A = TestServer.node("node-a", DATABASE);
    private static final TestServer NODE_B = TestServer.node("node-b", DATABASE);
    private static final Imports ON_A = new Imports(NODE_A);
    private static final Imports ON_B = new Imports(NODE_B);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP_A = NODE_A.app;
    @SuppressWarnings("unused")
    private static final DropwizardAppExtension<?> APP_B = NODE_B.app;

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        SCHEDULED_SANDBOX.close();
    }

    @Test
    void fiftyTriggersSpreadOverTwoNodesRunEachAcceptedImportExactlyOnce() throws Exception {
        List<Long> connections = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connections.add(ON_A.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                    "clinic-" + i, "requestsPerSecond", "1000")));
        }
        SANDBOX.reset();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Json.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Imports node = i % 2 == 0 ? ON_A : ON_B;
            long connection = connections.get(i % connections.size());
            answers.add(clients.submit(() -> node.trigger(connection, "full")));
        }
        int accepted = 0;
        int conflicts = 0;
        for (Future<Json.Answer> answer : answers) {
            int status = answer.get().status();
            assertThat(status).isIn(202, 409);
            if (status == 202) {
                accepted++;
            } else {
                conflicts++;
            }
        }
        clients.shutdown();
        String these = "connection_id IN (" + String.join(",", connections.stream().map(String::valueOf).toList()) + ")";
        await().atMost(Duration.ofMinutes(2)).until(() -> DATABASE.queryLong(
                "SELECT count(*) FROM import_runs WHERE status IN ('queued', 'running', 'cancelling') AND " + these) == 0);

        assertThat(accepted + conflicts).isEqualTo(50);
        assertThat(accepted).isGreaterThanOrEqualTo(connections.size());
        assertThat(DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE " + these)).isEqualTo(accepted);
        assertThat(DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE status = 'succeeded' AND " + these))
                .isEqualTo(accepted);
        assertThat(SANDBOX.airtable().requestCount()).as("each accepted run read its %d pages once", PAGES)
                .isEqualTo((long) accepted * PAGES);
        for (long connection : connections) {
            assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                    .isEqualTo(RECORDS);
        }
        assertThat(DATABASE.queryLong("SELECT count(DISTINCT node) FROM import_runs WHERE " + these))
                .as("both nodes ran imports").isEqualTo(2);
    }

    @Test
    void aScheduleFiringEverySecondOnTwoNodesMakesOneRunPerFireAndRunsEachOnce() {
        long connection = ON_A.createConnection(Imports.airtableConnection(
                new SandboxAdmin(SCHEDULED_SANDBOX).connections(), "clinic-every-second", "requestsPerSecond", "1000"));
        SCHEDULED_SANDBOX.reset();

        assertThat(ON_B.put("/connections/" + connection + "/schedule", "{\"cron\":\"* * * * * *\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> DATABASE.queryLong(
                "SELECT count(*) FROM import_runs WHERE status = 'succeeded' AND connection_id = " + connection) >= 6);
        assertThat(ON_A.put("/connections/" + connection + "/schedule", "{\"enabled\":false}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> DATABASE.queryLong(
                "SELECT count(*) FROM import_runs WHERE status IN ('queued', 'running') AND connection_id = " + connection) == 0);

        long runs = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + connection);
        assertThat(DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE trigger = 'schedule' "
                + "AND status = 'succeeded' AND connection_id = " + connection)).isEqualTo(runs);
        assertThat(DATABASE.queryLong("SELECT count(DISTINCT scheduled_for) FROM import_runs WHERE connection_id = "
                + connection)).isEqualTo(runs);
        // the first run reads every page; each later, incremental one asks once and finds nothing new
        assertThat(SCHEDULED_SANDBOX.airtable().requestCount()).isEqualTo(PAGES + (runs - 1));
        assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(RECORDS);
    }

    @Test
    void aNodeThatStopsGracefullyHandsItsRunningImportToTheOtherNode() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRequestsPerSecond(0));
        try {
            // unchecked: each page is fetched once, by the import, counted from its first call
            long connection = ON_A.createUncheckedConnection(Imports.airtableConnection(
                    new SandboxAdmin(sandbox).connections(), "clinic-handed-over", "requestsPerSecond", "25"));
            NODE_B.app.after(); // so that node A runs it
            long runId = ON_A.trigger(connection, "full").body().path("id").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() -> DATABASE.queryLong(
                    "SELECT COALESCE(sum(inserted), 0) FROM import_run_streams WHERE run_id = " + runId) >= 2_000);
            NODE_B.app.before();

            NODE_A.app.after();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> DATABASE.queryLong(
                        "SELECT count(*) FROM import_runs WHERE status = 'succeeded' AND resumed_from = " + runId) == 1);
            } finally {
                NODE_A.app.before();
            }

            assertThat(DATABASE.queryString("SELECT status || '/' || node FROM import_runs WHERE id = " + runId))
                    .isEqualTo("interrupted/node-a");
            assertThat(DATABASE.queryString("SELECT node FROM import_runs WHERE resumed_from = " + runId))
                    .isEqualTo("node-b");
            assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                    .isEqualTo(20_077);
            assertThat(DATABASE.queryLong("SELECT sum(s.inserted) FROM import_run_streams s JOIN import_runs r "
                    + "ON r.id = s.run_id WHERE r.connection_id = " + connection)).isEqualTo(20_077);
            assertThat(sandbox.airtable().requests().stream().map(request -> request.param("offset")).distinct().count())
                    .as("no page fetched twice").isEqualTo(sandbox.airtable().requestCount());
        } finally {
            sandbox.close();
        }
    }

    @Test
    void stoppingTheSchedulerOnOneNodeHoldsOnTheOtherAndAcrossARestart() throws Exception {
        assertThat(ON_A.post("/scheduler/stop", "").body().path("state").asText()).isEqualTo("stopped");
        assertThat(ON_B.get("/scheduler").body().path("state").asText()).isEqualTo("stopped");

        NODE_B.app.after();
        NODE_B.app.before();

        assertThat(ON_B.get("/scheduler").body().path("state").asText()).isEqualTo("stopped");
        assertThat(ON_B.post("/scheduler/start", "").body().path("state").asText()).isEqualTo("running");
        assertThat(ON_A.get("/scheduler").body().path("state").asText()).isEqualTo("running");
    }
}
