package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes on one PostgreSQL: a client of node A sees, live and in order, a run that node B executes. Node A polls
 * for due runs only once an hour, so the run triggered through node B runs there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsTwoNodesTest {

    private static final int RECORDS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(RECORDS).withAirtableRequestsPerSecond(0));
    private static final TestServer NODE_A = TestServer.node("node-a", DATABASE,
            TestServer.setting("jobs.pollingInterval", "1h"));
    private static final TestServer NODE_B = TestServer.node("node-b", DATABASE);
    private static final Imports ON_B = new Imports(NODE_B);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP_A = NODE_A.app;
    @SuppressWarnings("unused")
    private static final DropwizardAppExtension<?> APP_B = NODE_B.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aClientOfNodeASeesTheRunNodeBExecutesFromQueuedToItsEnd() {
        long connection = ON_B.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), "clinic-on-b", "requestsPerSecond", "8"));
        List<EventStream.Event> onA;
        long runId;
        try (EventStream stream = EventStream.open(NODE_A.api("/events"))) {
            runId = ON_B.trigger(connection, "full").body().path("id").asLong();
            long run = runId;
            onA = stream.until(event -> event.data().at("/run/id").asLong() == run
                    && event.type().equals("run.succeeded"), WAIT);
        }
        long run = runId;
        List<EventStream.Event> ofRun = onA.stream().filter(event -> event.data().at("/run/id").asLong() == run)
                .toList();

        assertThat(ofRun.get(0).type()).isEqualTo("run.queued");
        assertThat(ofRun.get(1).type()).isEqualTo("run.started");
        assertThat(ofRun.get(1).data().at("/run/node").asText()).isEqualTo("node-b");
        assertThat(ofRun.subList(2, ofRun.size() - 1)).isNotEmpty()
                .allSatisfy(event -> assertThat(event.type()).isEqualTo("run.progress"));
        assertThat(ofRun.get(ofRun.size() - 1).data().at("/run/counts/inserted").asLong()).isEqualTo(RECORDS);
        assertThat(ofRun.get(ofRun.size() - 1).data().path("run")).isEqualTo(ON_B.run(runId));

        // node B's own clients got the same events, with the same ids: resuming on B from an id A gave works
        long queuedId = ofRun.get(0).id();
        try (EventStream onB = EventStream.open(NODE_B.api("/events"), TestKeys.VIEWER,
                Map.of("Last-Event-ID", Long.toString(queuedId)))) {
            long lastId = onA.get(onA.size() - 1).id();
            assertThat(onB.until(event -> event.id() == lastId, WAIT))
                    .isEqualTo(onA.stream().filter(event -> event.id() > queuedId).toList());
        }
    }
}
