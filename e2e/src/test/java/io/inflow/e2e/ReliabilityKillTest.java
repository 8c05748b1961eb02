package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reliability: a full import whose node is killed with SIGKILL at random moments (seeded: the moments are record
 * counts the run has committed) and restarted each time. After the last restart the run's resumes complete, and
 * the data equals, payload for payload, a reference import of the same sandbox that was never interrupted.
 */
// verify keeps NodeKillTest (killed mid-import, resumed by another node and by itself) and DeletionsKillTest
@Tag(Suites.RELIABILITY)
@Tag(Suites.RELIABILITY_ONLY)
class ReliabilityKillTest {

    private static final long TABLE_RECORDS = 20_077;

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0));

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        DATABASE.close();
    }

    @Test
    void aFullImportKilledAtRandomMomentsResumesToExactlyTheDataOfAnUninterruptedImport() throws Exception {
        int kills = ReliabilityFigures.size("kills", 2, 10);
        long seed = ReliabilityFigures.seed("kills");
        Random random = new Random(seed);
        TreeSet<Long> moments = new TreeSet<>();
        while (moments.size() < kills) {
            moments.add(500 + (long) random.nextInt((int) TABLE_RECORDS - 4_500));
        }
        Json json = new Json();
        long reference;
        long killed;
        int killsDone = 0;
        NodeProcess node = NodeProcess.start("node-a", DATABASE);
        try {
            reference = createConnection(json, node, "reference", "1000");
            long referenceRun = trigger(json, node, reference);
            await().atMost(Duration.ofMinutes(2)).until(() -> "succeeded".equals(DATABASE.queryString(
                    "SELECT status FROM import_runs WHERE id = " + referenceRun)));
            // slow enough that a kill lands within a few pages of its moment (the node dies some pages after the
            // poll sees the moment pass): 10 kills fit in one import at 8 pages a second
            killed = createConnection(json, node, "killed", kills > 3 ? "8" : "25");
            trigger(json, node, killed);
            long lastKill = 0;
            for (long moment : moments) {
                // at least a few pages after the last kill, so that each kill lands in a resumed run that is reading
                long at = Math.max(moment, lastKill + 300);
                if (at > TABLE_RECORDS - 500) {
                    System.out.println("[reliability] no room left for a kill at " + at + " records; stopping");
                    break;
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> committed(killed) >= at);
                node.kill();
                killsDone++;
                lastKill = committed(killed);
                System.out.println("[reliability] killed the node at " + lastKill + " records (aimed at " + at + ")");
                node = NodeProcess.start("node-a", DATABASE);
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> DATABASE.queryLong("SELECT count(*) FROM import_runs "
                    + "WHERE status IN ('queued', 'running', 'waiting', 'cancelling') AND connection_id = " + killed) == 0);
        } finally {
            node.close();
        }

        long runs = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + killed);
        long resumed = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE resumed_from IS NOT NULL "
                + "AND connection_id = " + killed);
        long records = DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + killed);
        long inserted = committed(killed);
        String expected = checksum(reference);
        String actual = checksum(killed);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("faultsInjected", killsDone);
        figures.put("killsPlanned", kills);
        figures.put("killMoments", List.copyOf(moments));
        figures.put("runs", runs);
        figures.put("runsResumed", resumed);
        figures.put("recordsCompared", records);
        figures.put("insertedOverAllRuns", inserted);
        figures.put("checksumsEqual", expected.equals(actual));
        ReliabilityFigures.write("kills", figures);

        assertThat(DATABASE.queryString("SELECT status FROM import_runs WHERE connection_id = " + killed
                + " ORDER BY id DESC LIMIT 1")).isEqualTo("succeeded");
        assertThat(DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE status <> 'interrupted' "
                + "AND connection_id = " + killed + " AND id <> (SELECT max(id) FROM import_runs WHERE connection_id = "
                + killed + ")")).as("every run but the last was interrupted").isZero();
        assertThat(killsDone).as("kills that landed while the import was reading").isGreaterThanOrEqualTo(
                Math.min(kills, 2));
        assertThat(resumed).as("each kill interrupted a run that a resume continued").isEqualTo(killsDone);
        assertThat(records).isEqualTo(TABLE_RECORDS);
        assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + reference))
                .isEqualTo(TABLE_RECORDS);
        assertThat(inserted).isEqualTo(TABLE_RECORDS);
        assertThat(actual).isEqualTo(expected);
    }

    private static long createConnection(Json json, NodeProcess node, String name, String requestsPerSecond) {
        Json.Answer created = json.post(node.api("/connections"), Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), name, "requestsPerSecond", requestsPerSecond));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private static long trigger(Json json, NodeProcess node, long connection) {
        Json.Answer triggered = json.post(node.api("/connections/" + connection + "/imports"), "{\"mode\":\"full\"}");
        assertThat(triggered.status()).as("%s", triggered.body()).isEqualTo(202);
        return triggered.body().path("id").asLong();
    }

    /** Records the connection's runs counted as inserted, summed over all of them. */
    private static long committed(long connection) {
        return DATABASE.queryLong("SELECT COALESCE(sum(s.inserted), 0) FROM import_run_streams s JOIN import_runs r "
                + "ON r.id = s.run_id WHERE r.connection_id = " + connection);
    }

    /** An md5 of every record's stream, id and payload, in order. */
    private static String checksum(long connection) {
        return DATABASE.queryString("SELECT md5(string_agg(stream || '/' || external_id || '=' || payload::text, ',' "
                + "ORDER BY stream, external_id)) FROM records WHERE connection_id = " + connection);
    }
}
