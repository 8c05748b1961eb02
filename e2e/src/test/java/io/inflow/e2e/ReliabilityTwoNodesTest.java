package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability: two nodes on one PostgreSQL under a schedule firing every second, one node (a JVM of its own) killed
 * with SIGKILL and restarted again and again. No fire runs twice, and none is lost: every run ends, every run a
 * kill interrupted is resumed exactly once, and every cron second between the first and the last fire either made
 * a run or was skipped for a documented reason: the connection had an active run then (one per connection), or the
 * fire was held by the killed node until its missed heartbeats gave it to the other node.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
// verify keeps TwoNodesTest (a schedule every second on two nodes, each fire run once) and NodeKillTest
@Tag(Suites.RELIABILITY)
@Tag(Suites.RELIABILITY_ONLY)
class ReliabilityTwoNodesTest {

    /** How long a fire held by a killed node may wait: missed heartbeats (5 x 1 s), polling, and slack for load. */
    private static final Duration KILL_WINDOW = Duration.ofSeconds(15);

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(1_000).withAirtableRequestsPerSecond(0));
    private static final TestServer NODE_B = TestServer.node("node-b", DATABASE);
    private static final Imports ON_B = new Imports(NODE_B);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP_B = NODE_B.app;

    private record Fire(Instant scheduledFor, Instant createdAt, Instant finishedAt) {
    }

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
    }

    @Test
    void aScheduleEverySecondOnTwoNodesWithOneKilledRepeatedlyRunsNoFireTwiceAndLosesNone() throws Exception {
        int seconds = ReliabilityFigures.size("scheduleSeconds", 30, 180);
        int restarts = ReliabilityFigures.size("nodeRestarts", 1, 5);
        long seed = ReliabilityFigures.seed("two-nodes");
        Random random = new Random(seed);
        long connection = ON_B.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "every-second", "requestsPerSecond", "1000"));
        List<Instant> kills = new ArrayList<>();
        NodeProcess nodeA = NodeProcess.start("node-a", DATABASE);
        try {
            assertThat(ON_B.put("/connections/" + connection + "/schedule", "{\"cron\":\"* * * * * *\"}").status())
                    .isEqualTo(200);
            Instant end = Instant.now().plusSeconds(seconds);
            long slice = seconds * 1_000L / (restarts + 1);
            for (int i = 0; i < restarts; i++) {
                Thread.sleep(slice / 2 + random.nextInt((int) slice / 2));
                kills.add(Instant.now());
                nodeA.kill();
                nodeA = NodeProcess.start("node-a", DATABASE);
            }
            long left = Duration.between(Instant.now(), end).toMillis();
            if (left > 0) {
                Thread.sleep(left);
            }
            // a client of its own: the first one's pooled connection may have idled past Jetty's idle timeout
            assertThat(new Imports(NODE_B).put("/connections/" + connection + "/schedule", "{\"enabled\":false}")
                    .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).until(() -> DATABASE.queryLong("SELECT count(*) FROM import_runs "
                    + "WHERE status IN ('queued', 'running', 'waiting', 'cancelling') AND connection_id = "
                    + connection) == 0);
        } finally {
            nodeA.close();
        }

        List<Fire> fires = fires(connection);
        long scheduledRuns = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE trigger = 'schedule' "
                + "AND connection_id = " + connection);
        long distinctFires = DATABASE.queryLong("SELECT count(DISTINCT scheduled_for) FROM import_runs "
                + "WHERE trigger = 'schedule' AND connection_id = " + connection);
        long interrupted = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE status = 'interrupted' "
                + "AND connection_id = " + connection);
        long resumedOnce = DATABASE.queryLong("SELECT count(*) FROM import_runs i WHERE i.status = 'interrupted' "
                + "AND i.connection_id = " + connection + " AND (SELECT count(*) FROM import_runs r "
                + "WHERE r.resumed_from = i.id) = 1");
        long failed = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE status NOT IN ('succeeded', "
                + "'interrupted') AND connection_id = " + connection);
        int skippedActive = 0;
        int skippedKill = 0;
        List<Instant> unexplained = new ArrayList<>();
        Set<Instant> fired = new TreeSet<>(fires.stream()
                .map(fire -> fire.scheduledFor().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).toList());
        Instant first = fired.iterator().next();
        Instant last = ((TreeSet<Instant>) fired).last();
        for (Instant second = first; !second.isAfter(last); second = second.plusSeconds(1)) {
            if (fired.contains(second)) {
                continue;
            }
            Instant at = second;
            if (fires.stream().anyMatch(fire -> !at.isBefore(fire.createdAt().minusMillis(500))
                    && !at.isAfter(fire.finishedAt().plusMillis(1_500)))) {
                skippedActive++;
            } else if (kills.stream().anyMatch(kill -> !at.isBefore(kill.minusSeconds(1))
                    && !at.isAfter(kill.plus(KILL_WINDOW)))) {
                skippedKill++;
            } else {
                unexplained.add(second);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("scheduleSeconds", seconds);
        figures.put("faultsInjected", restarts);
        figures.put("cronSeconds", Duration.between(first, last).toSeconds() + 1);
        figures.put("scheduledRuns", scheduledRuns);
        figures.put("firesRunTwice", scheduledRuns - distinctFires);
        figures.put("runsInterrupted", interrupted);
        figures.put("runsResumed", resumedOnce);
        figures.put("runsFailedOrCancelled", failed);
        figures.put("skippedWhileARunWasActive", skippedActive);
        figures.put("skippedWhileAKilledNodeHeldTheFire", skippedKill);
        figures.put("firesLost", unexplained.size());
        ReliabilityFigures.write("two-nodes", figures);

        assertThat(scheduledRuns).isEqualTo(distinctFires).isGreaterThanOrEqualTo(seconds / 4);
        assertThat(resumedOnce).as("every interrupted run was resumed exactly once").isEqualTo(interrupted);
        assertThat(failed).isZero();
        assertThat(unexplained).as("cron seconds that made no run for no documented reason").isEmpty();
    }

    /** The connection's runs that a fire made, and the resumes each of them needed, as one interval per fire. */
    private static List<Fire> fires(long connection) throws SQLException {
        List<Fire> fires = new ArrayList<>();
        try (Connection sql = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), "");
             Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery("WITH RECURSIVE chain AS ("
                     + " SELECT id AS root, id, created_at, finished_at FROM import_runs"
                     + " WHERE trigger = 'schedule' AND connection_id = " + connection
                     + " UNION ALL SELECT c.root, r.id, r.created_at, r.finished_at FROM import_runs r"
                     + " JOIN chain c ON r.resumed_from = c.id)"
                     + " SELECT f.scheduled_for, min(c.created_at), max(c.finished_at) FROM chain c"
                     + " JOIN import_runs f ON f.id = c.root GROUP BY f.scheduled_for ORDER BY f.scheduled_for")) {
            while (rows.next()) {
                fires.add(new Fire(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant(),
                        rows.getTimestamp(3).toInstant()));
            }
        }
        return fires;
    }
}
