package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A reconciling full scan killed with SIGKILL half-way (a JVM of its own) and resumed when its node restarts: the
 * scan keeps its id across both runs, so the resumed part deletes exactly what the upstream deleted and nothing the
 * killed part saw.
 */
class DeletionsKillTest {

    private static final int TABLE_RECORDS = 20_077;
    private static final int DELETED_UPSTREAM = 77;

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0));

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        DATABASE.close();
    }

    @Test
    void aFullImportKilledHalfWayAndResumedDeletesExactlyWhatTheUpstreamDeleted() throws Exception {
        SandboxAdmin sandbox = new SandboxAdmin(SANDBOX);
        sandbox.reset();
        Json json = new Json();
        long connection;
        long killedRun;
        List<String> deletedUpstream;
        try (NodeProcess node = NodeProcess.start("node-a", DATABASE)) {
            JsonNode body = Imports.airtableConnection(sandbox.connections(), "clinic-killed-scan",
                    "requestsPerSecond", "25");
            connection = json.post(node.api("/connections"), body).body().path("id").asLong();
            long first = trigger(json, node, connection);
            await().atMost(Duration.ofSeconds(90)).until(() -> "succeeded".equals(DATABASE.queryString(
                    "SELECT status FROM import_runs WHERE id = " + first)));
            deletedUpstream = sandbox.delete("airtable", DELETED_UPSTREAM);

            killedRun = trigger(json, node, connection);
            await().atMost(Duration.ofSeconds(60)).until(() -> DATABASE.queryLong(
                    "SELECT COALESCE(sum(unchanged), 0) FROM import_run_streams WHERE run_id = " + killedRun) >= 8_000);
            node.kill();
        }
        long seenBeforeKill = DATABASE.queryLong("SELECT count(*) FROM scan_seen WHERE scan_id = " + killedRun);
        assertThat(seenBeforeKill).as("the killed part noted what it saw").isBetween(8_000L, TABLE_RECORDS - 1L);
        assertThat(DATABASE.queryLong("SELECT scan_seen FROM checkpoints WHERE connection_id = " + connection))
                .as("and counted it durably").isEqualTo(seenBeforeKill);
        assertThat(DATABASE.queryLong("SELECT scan_id FROM checkpoints WHERE connection_id = " + connection))
                .isEqualTo(killedRun);
        assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL")).isZero();

        try (NodeProcess restarted = NodeProcess.start("node-a", DATABASE)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> DATABASE.queryLong("SELECT count(*) FROM import_runs"
                    + " WHERE status = 'succeeded' AND resumed_from = " + killedRun) == 1);
        }

        long resumed = DATABASE.queryLong("SELECT id FROM import_runs WHERE resumed_from = " + killedRun);
        assertThat(DATABASE.queryLong("SELECT deleted FROM import_run_streams WHERE run_id = " + resumed))
                .isEqualTo(DELETED_UPSTREAM);
        assertThat(DATABASE.queryLong("SELECT deleted FROM import_run_streams WHERE run_id = " + killedRun)).isZero();
        assertThat(DATABASE.queryString("SELECT string_agg(external_id, ',' ORDER BY external_id) FROM records"
                + " WHERE deleted_at IS NOT NULL AND deleted_by_run = " + resumed + " AND connection_id = " + connection))
                .isEqualTo(String.join(",", deletedUpstream.stream().sorted().toList()));
        assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE deleted_at IS NULL AND connection_id = "
                + connection)).isEqualTo(TABLE_RECORDS - DELETED_UPSTREAM);
        assertThat(DATABASE.queryLong("SELECT count(*) FROM scan_seen WHERE connection_id = " + connection))
                .as("the scan, one id across its two runs, forgot what it noted once it reconciled").isZero();
        assertThat(DATABASE.queryLong("SELECT count(*) FROM checkpoints WHERE scan_id IS NOT NULL")).isZero();
    }

    private static long trigger(Json json, NodeProcess node, long connection) {
        Json.Answer triggered = json.post(node.api("/connections/" + connection + "/imports"), "{\"mode\":\"full\"}");
        assertThat(triggered.status()).as(triggered.body().toString()).isEqualTo(202);
        return triggered.body().path("id").asLong();
    }
}
