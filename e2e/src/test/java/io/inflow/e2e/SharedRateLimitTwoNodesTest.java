package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The limit is the upstream's, not the node's: two connections on one Airtable base whose runs land on two server
 * processes at once share the base's 5 requests per second, and the lock-out one node meets holds the other's calls
 * too. The nodes share nothing but their PostgreSQL.
 */
@Execution(ExecutionMode.CONCURRENT) // waits on Airtable's real limit and lock-out: it runs beside the other classes
class SharedRateLimitTwoNodesTest {

    private static final int RECORDS = 2_000;

    private static CompletableFuture<NodeProcess> startLater(String name, SharedDatabase database) {
        return CompletableFuture.supplyAsync(() ->
                NodeProcess.start(name, database, Map.of("INFLOW_WORKER_THREADS", "1")));
    }

    private static void stop(NodeProcess node) {
        try {
            node.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoNodesImportingOneBaseTogetherStayUnderItsLimitAndWaitOutALockOutTogether() throws Exception {
        try (SharedDatabase database = SharedDatabase.start();
             Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(RECORDS))) {
            // one import at a time each, so the second run can only land on the other node; started side by side
            CompletableFuture<NodeProcess> startingA = startLater("node-a", database);
            CompletableFuture<NodeProcess> startingB = startLater("node-b", database);
            NodeProcess nodeA;
            NodeProcess nodeB;
            try {
                nodeA = startingA.join();
                nodeB = startingB.join();
            } catch (RuntimeException failedToStart) {
                startingA.thenAccept(SharedRateLimitTwoNodesTest::stop);
                startingB.thenAccept(SharedRateLimitTwoNodesTest::stop);
                throw failedToStart;
            }
            try (nodeA; nodeB) {
                importTogether(database, sandbox, nodeA, nodeB);
            }
        }
    }

    private static void importTogether(SharedDatabase database, Sandbox sandbox, NodeProcess nodeA, NodeProcess nodeB) {
        Json json = new Json();
        JsonNode sandboxConnections = new SandboxAdmin(sandbox).connections();
        JsonNode first = Imports.airtableConnection(sandboxConnections, "clinic-front-desk");
        long frontDesk = json.post(nodeA.api("/connections"), first).body().path("id").asLong();
        long marketing = json.post(nodeA.api("/connections"),
                Imports.airtableConnection(sandboxConnections, "clinic-marketing")).body().path("id").asLong();
        long runA = json.post(nodeA.api("/connections/" + frontDesk + "/imports"), "{\"mode\":\"full\"}").body()
                .path("id").asLong();
        long runB = json.post(nodeB.api("/connections/" + marketing + "/imports"), "{\"mode\":\"full\"}").body()
                .path("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> database.queryLong("SELECT count(DISTINCT node) "
                + "FROM import_runs WHERE status = 'running' AND id IN (" + runA + ", " + runB + ")") == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.airtable().requestCount() >= 15);
        long violationsTogether = sandbox.airtable().violationCount();

        // another integration trips the base's lock-out while both nodes import
        LockOut.trip(first);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> database.queryLong(
                "SELECT count(*) FROM import_runs WHERE status = 'succeeded' AND id IN (" + runA + ", " + runB
                        + ")") == 2);

        assertThat(violationsTogether).as("requests over 5 per second while both nodes imported").isZero();
        assertThat(database.queryLong("SELECT count(DISTINCT node) FROM import_runs WHERE id IN (" + runA + ", "
                + runB + ")")).isEqualTo(2);
        for (long connection : List.of(frontDesk, marketing)) {
            assertThat(database.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                    .isEqualTo(RECORDS);
        }
        LockOut lockOut = LockOut.in(sandbox.airtable().traffic().requests());
        assertThat(lockOut.inflowRefused())
                .as("each node met the lock-out at most once: the first 429 held the other too").hasSizeBetween(1, 2);
        assertThat(lockOut.inflowRequestsAfterItsLast429()).as("requests of either node inside the lock-out once met")
                .isEmpty();
    }
}
