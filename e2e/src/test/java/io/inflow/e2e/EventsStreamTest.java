package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/events} and {@code GET /api/v1/imports/{id}/events} over real HTTP, with an Airtable import of
 * the sandbox's 1,000 records slowed to a few pages a second so that it has progress to tell.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsStreamTest {

    private static final int RECORDS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> ENDS = Set.of("run.succeeded", "run.failed", "run.cancelled", "run.interrupted");

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(RECORDS).withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("events.heartbeatInterval", "300ms"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aRunsEventsArriveInOrderFromQueuedToSucceededAndAResumedStreamMissesAndRepeatsNone() {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), "clinic-events", "requestsPerSecond", "4"));
        List<EventStream.Event> all;
        long runId;
        try (EventStream stream = EventStream.open(SERVER.api("/events"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
            long run = runId;
            all = stream.until(event -> runOf(event) == run && ENDS.contains(event.type()), WAIT);
        }
        long run = runId;
        List<EventStream.Event> ofRun = all.stream().filter(event -> runOf(event) == run).toList();
        List<String> types = ofRun.stream().map(EventStream.Event::type).toList();

        assertThat(types.get(0)).isEqualTo("run.queued");
        assertThat(types.get(1)).isEqualTo("run.started");
        assertThat(types.subList(2, types.size() - 1)).isNotEmpty().containsOnly("run.progress");
        assertThat(types.get(types.size() - 1)).isEqualTo("run.succeeded");
        assertThat(ofRun).allSatisfy(event -> assertThat(event.data().path("type").asText()).isEqualTo(event.type()));
        assertThat(ofRun.stream().map(event -> event.data().at("/run/status").asText()).toList().subList(0, 2))
                .containsExactly("queued", "running");
        assertIncreasing(all.stream().map(EventStream.Event::id).toList());
        assertIncreasing(ofRun.stream().map(event -> event.data().at("/run/counts/inserted").asLong()).toList(), true);
        for (int i = 2; i < ofRun.size() - 1; i++) {
            assertThat(Duration.between(at(ofRun.get(i - 1)), at(ofRun.get(i))))
                    .as("progress at most once per 500 ms").isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
        JsonNode ended = ofRun.get(ofRun.size() - 1).data().path("run");
        assertThat(ended.at("/counts/inserted").asLong()).isEqualTo(RECORDS);
        assertThat(ended).as("the end event's run is GET /imports/{id}").isEqualTo(IMPORTS.run(runId));

        long startedId = ofRun.get(1).id();
        long lastId = all.get(all.size() - 1).id();
        List<EventStream.Event> afterStarted = all.stream().filter(event -> event.id() > startedId).toList();
        try (EventStream resumed = EventStream.open(SERVER.api("/events"), TestKeys.VIEWER,
                Map.of("Last-Event-ID", Long.toString(startedId)))) {
            assertThat(resumed.until(event -> event.id() == lastId, WAIT)).isEqualTo(afterStarted);
        }
        long queuedId = ofRun.get(0).id();
        try (EventStream resumed = EventStream.open(SERVER.api("/events?lastEventId=" + queuedId))) {
            assertThat(resumed.until(event -> event.id() == lastId, WAIT))
                    .isEqualTo(all.stream().filter(event -> event.id() > queuedId).toList());
        }
    }

    @Test
    void aRunsOwnStreamOpensWithItsSnapshotAndStaysOpenAfterItsEnd() {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), "clinic-one-run", "requestsPerSecond", "10"));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        List<EventStream.Event> events;
        try (EventStream stream = EventStream.open(SERVER.api("/imports/" + runId + "/events"))) {
            events = stream.until(event -> ENDS.contains(event.type()), WAIT);
        }
        assertThat(events.get(0).type()).isEqualTo("run.snapshot");
        assertThat(events.get(0).data().at("/run/status").asText()).isIn("queued", "running");
        assertThat(events.get(events.size() - 1).type()).isEqualTo("run.succeeded");
        assertThat(events).allSatisfy(event -> assertThat(runOf(event)).isEqualTo(runId));
        assertIncreasing(events.stream().map(EventStream.Event::id).toList());

        try (EventStream after = EventStream.open(SERVER.api("/imports/" + runId + "/events"))) {
            EventStream.Event snapshot = after.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("run.snapshot");
            assertThat(snapshot.id()).isGreaterThanOrEqualTo(events.get(events.size() - 1).id());
            assertThat(snapshot.data().path("run")).isEqualTo(IMPORTS.run(runId));
            await().atMost(WAIT).until(() -> after.comments().size() >= 3);
            assertThat(after.drain()).isEmpty();
        }
    }

    @Test
    void anOpenStreamGetsAHeartbeatEveryIntervalUncompressedEvenToAClientThatTakesGzip() {
        try (EventStream stream = EventStream.open(SERVER.api("/events"), TestKeys.VIEWER,
                Map.of("Accept-Encoding", "gzip"))) {
            Instant opened = Instant.now();
            assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
            await().atMost(WAIT).until(() -> stream.comments().size() >= 4);
            assertThat(stream.comments()).containsOnly("heartbeat");
            assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void schedulerSwitchesAndPluginChangesAreEventsCarryingWhatTheApiAnswers() {
        try (EventStream stream = EventStream.open(SERVER.api("/events"))) {
            JsonNode stopped = IMPORTS.post("/scheduler/stop", "").body();
            JsonNode disabled = IMPORTS.post("/plugins/gmail/disable", "").body();
            JsonNode enabled = IMPORTS.post("/plugins/gmail/enable", "").body();
            JsonNode started = IMPORTS.post("/scheduler/start", "").body();

            List<EventStream.Event> events = stream.until(event -> event.type().equals("scheduler.started"), WAIT);

            assertThat(events.stream().map(EventStream.Event::type).toList()).containsExactly("scheduler.stopped",
                    "plugin.changed", "plugin.changed", "scheduler.started");
            assertThat(events.get(0).data().path("scheduler")).isEqualTo(stopped);
            assertThat(events.get(1).data().path("plugin")).isEqualTo(disabled);
            assertThat(events.get(1).data().path("plugin").path("state").asText()).isEqualTo("DISABLED");
            assertThat(events.get(1).data().path("node").asText()).isEqualTo("e2e-node");
            assertThat(events.get(2).data().path("plugin")).isEqualTo(enabled);
            assertThat(events.get(3).data().path("scheduler")).isEqualTo(started);
        }
    }

    @Test
    void aStreamNeedsAKeyAndAnExistingRunAndAWellFormedLastEventId() {
        Json.Answer noKey = Json.withKey(null).getAccepting(SERVER.api("/events"), "text/event-stream");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body().path("code").asText()).isEqualTo("unauthorized");
        assertThat(Json.withKey(null).getAccepting(SERVER.api("/imports/1/events"), "text/event-stream").status())
                .isEqualTo(401);

        Json.Answer unknown = Json.withKey(TestKeys.VIEWER).getAccepting(SERVER.api("/imports/999999/events"),
                "text/event-stream");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("import_run_not_found");

        Json.Answer malformed = Json.withKey(TestKeys.VIEWER).getAccepting(SERVER.api("/events?lastEventId=soon"),
                "text/event-stream");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("code").asText()).isEqualTo("invalid_parameter");
    }

    @Test
    void aHeadRequestIsAnsweredAtOnceWithTheStreamsHeadersAndNoBody() throws Exception {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), "clinic-head", "requestsPerSecond", "1000"));
        long run = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/events", "/imports/" + run + "/events")) {
            HttpRequest head = HttpRequest.newBuilder(URI.create(SERVER.api(path)))
                    .header("Authorization", "Bearer " + TestKeys.VIEWER)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build();

            HttpResponse<String> answer = http.send(head, HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(answer.body()).as(path).isEmpty();
        }
        HttpRequest unknownRun = HttpRequest.newBuilder(URI.create(SERVER.api("/imports/999999/events")))
                .header("Authorization", "Bearer " + TestKeys.VIEWER)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        assertThat(http.send(unknownRun, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    private static long runOf(EventStream.Event event) {
        return event.data().at("/run/id").asLong(-1);
    }

    private static Instant at(EventStream.Event event) {
        return Instant.parse(event.data().path("at").asText());
    }

    private static void assertIncreasing(List<Long> values) {
        assertIncreasing(values, false);
    }

    private static void assertIncreasing(List<Long> values, boolean orEqual) {
        for (int i = 1; i < values.size(); i++) {
            if (orEqual) {
                assertThat(values.get(i)).as("value %d of %s", i, values).isGreaterThanOrEqualTo(values.get(i - 1));
            } else {
                assertThat(values.get(i)).as("value %d of %s", i, values).isGreaterThan(values.get(i - 1));
            }
        }
    }
}
