package io.inflow.sandbox.gmail;

import static io.inflow.sandbox.gmail.GmailHttp.USER;
import static io.inflow.sandbox.gmail.GmailHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history log, the per-user quota, the admin surface and the faults of the Gmail fake. */
class GmailHistoryAndQuotaTest {

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private GmailHttp http;
    private String token;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withClock(clock)
                .withGmailMessages(400));
        http = new GmailHttp(sandbox);
        token = http.accessToken();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode history(String query) {
        HttpResponse<String> response = http.get(USER + "/history?" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void relabelledMessagesShowInTheHistoryAfterTheProfilesHistoryId() {
        String start = json(http.get(USER + "/profile", token)).get("historyId").asText();
        JsonNode quiet = history("startHistoryId=" + start);

        Modification modification = sandbox.gmail().modify(3);
        JsonNode changes = history("startHistoryId=" + start);

        assertThat(quiet.has("history")).isFalse();
        assertThat(quiet.get("historyId").asText()).isEqualTo(start);
        List<String> changed = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (JsonNode record : changes.get("history")) {
            ids.add(record.get("id").asLong());
            JsonNode change = record.has("labelsAdded") ? record.get("labelsAdded") : record.get("labelsRemoved");
            changed.add(change.at("/0/message/id").asText());
        }
        assertThat(changed).containsExactlyElementsOf(modification.ids());
        assertThat(ids).isSorted().allMatch(id -> id > Long.parseLong(start));
        assertThat(changes.get("historyId").asLong()).isEqualTo(ids.get(2));
        JsonNode message = json(http.get(USER + "/messages/" + changed.get(2) + "?format=minimal", token));
        assertThat(message.get("historyId").asLong()).isEqualTo(ids.get(2));
    }

    @Test
    void historyPagesFollowTheirTokenAndFilterByType() {
        String start = Long.toString(sandbox.gmail().historyId());
        sandbox.gmail().modify(3);
        sandbox.gmail().deliver(2);

        JsonNode first = history("startHistoryId=" + start + "&maxResults=4");
        JsonNode second = history("startHistoryId=" + start + "&maxResults=4&pageToken=" + first.get("nextPageToken").asText());
        JsonNode added = history("startHistoryId=" + start + "&historyTypes=messageAdded");

        assertThat(first.get("history")).hasSize(4);
        assertThat(second.get("history")).hasSize(1);
        assertThat(second.has("nextPageToken")).isFalse();
        assertThat(added.get("history")).hasSize(2).allSatisfy(record -> assertThat(record.has("messagesAdded")).isTrue());
    }

    @Test
    void aStartOlderThanTheHorizonOrForgottenIs404AndAMissingStartIs400() {
        JsonNode profile = json(http.get(USER + "/profile", token));
        long current = profile.get("historyId").asLong();
        JsonNode recent = history("startHistoryId=" + (current - 50));

        HttpResponse<String> ancient = http.get(USER + "/history?startHistoryId=2000000", token);
        HttpResponse<String> missing = http.get(USER + "/history", token);
        HttpResponse<String> future = http.get(USER + "/history?startHistoryId=" + (current + 1), token);
        sandbox.gmail().modify(1);
        sandbox.gmail().expireHistory();
        HttpResponse<String> forgotten = http.get(USER + "/history?startHistoryId=" + current, token);
        HttpResponse<String> latest = http.get(USER + "/history?startHistoryId=" + sandbox.gmail().historyId(), token);

        assertThat(recent.get("history")).as("the last week's records are kept").isNotEmpty();
        assertThat(ancient.statusCode()).isEqualTo(404);
        assertThat(json(ancient).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).at("/error/message").asText()).isEqualTo("Missing/invalid parameter: startHistoryId");
        assertThat(future.statusCode()).isEqualTo(404);
        assertThat(forgotten.statusCode()).isEqualTo(404);
        assertThat(latest.statusCode()).isEqualTo(200);
    }

    @Test
    void theQuotaAllows250UnitsASecondAndAnswersTheNextCallWithGoogles429() {
        String id = json(http.get(USER + "/messages?maxResults=1", token)).at("/messages/0/id").asText();
        clock.advance(Duration.ofSeconds(1));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            statuses.add(http.get(USER + "/messages/" + id + "?format=minimal", token).statusCode());
        }
        HttpResponse<String> refused = http.get(USER + "/profile", token);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> later = http.get(USER + "/profile", token);

        assertThat(statuses.subList(0, 50)).containsOnly(200);
        assertThat(statuses.get(50)).isEqualTo(429);
        assertThat(refused.statusCode()).as("a 1-unit call does not fit either").isEqualTo(429);
        assertThat(refused.body()).isEqualTo("{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"errors\":"
                + "[{\"message\":\"Rate Limit Exceeded\",\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}],"
                + "\"status\":\"RESOURCE_EXHAUSTED\"}}");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(sandbox.gmail().violationCount()).isEqualTo(2);
    }

    @Test
    void theQuotaCanAnswer403UserRateLimitExceededAndCountsHistoryCallsAsTwoUnits() {
        JsonNode limits = json(http.send("POST", "/_sandbox/gmail/limits", token));
        assertThat(limits.get("unitsPerSecond").asInt()).isEqualTo(250);
        sandbox.gmail().updateLimits(parse(bodyOf("{\"overLimitStatus\":403,\"unitsPerSecond\":10}")));
        clock.advance(Duration.ofSeconds(1));
        String start = Long.toString(sandbox.gmail().historyId());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(http.get(USER + "/history?startHistoryId=" + start, token).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 403);
        assertThat(sandbox.gmail().violationCount()).isEqualTo(1);
    }

    @Test
    void theAdminSurfaceGivesStatsAConnectionAndModifications() {
        JsonNode stats = json(http.get("/_sandbox/stats", null)).get("gmail");
        JsonNode connection = json(http.get("/_sandbox/connections/gmail", null));
        HttpResponse<String> modify = http.send("POST", "/_sandbox/gmail/modify", token);

        assertThat(stats.get("streams").toString()).isEqualTo("{\"messages\":400,\"labels\":22}");
        assertThat(stats.has("requests")).isTrue();
        assertThat(stats.get("faults").has("expiredToken")).isTrue();
        assertThat(connection.toString()).isEqualTo("{\"plugin\":\"gmail\",\"name\":\"gmail-sandbox\",\"config\":{"
                + "\"baseUrl\":\"" + sandbox.baseUrl() + "/gmail\",\"tokenUrl\":\"" + sandbox.baseUrl() + "/gmail/token\","
                + "\"clientId\":\"inflow-sandbox.apps.googleusercontent.com\",\"clientSecret\":\"sandbox-client-secret\","
                + "\"refreshToken\":\"sandbox-token\",\"userId\":\"me\"}}");
        assertThat(modify.statusCode()).as("an empty modification is refused").isEqualTo(400);
        assertThat(sandbox.gmail().modify(parse(bodyOf("{\"count\":4,\"newMessages\":1}"))).ids()).hasSize(5);
        assertThat(sandbox.gmail().messageCount()).isEqualTo(401);
    }

    @Test
    void faultsExpireTokensCorruptMessagesAndCutPages() {
        String id = json(http.get(USER + "/messages?maxResults=1", token)).at("/messages/0/id").asText();

        sandbox.faults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 1));
        HttpResponse<String> expired = http.get(USER + "/profile", token);
        sandbox.faults(FaultProfile.NONE);
        HttpResponse<String> stillExpired = http.get(USER + "/profile", token);
        String fresh = http.accessToken();
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1));
        JsonNode corrupted = json(http.get(USER + "/messages/" + id + "?format=metadata", fresh));
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_PAGE, 1));
        String cut = http.get(USER + "/messages?maxResults=5", fresh).body();
        sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_429, 1));
        HttpResponse<String> injected = http.get(USER + "/profile", fresh);
        sandbox.faults(FaultProfile.NONE);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(stillExpired.statusCode()).isEqualTo(401);
        assertThat(corrupted.get("id").asText()).isEqualTo(id);
        assertThat(corrupted.get("internalDate").asText()).isEqualTo("not-a-date");
        assertThat(cut).startsWith("{").doesNotEndWith("}");
        assertThat(injected.statusCode()).isEqualTo(429);
        assertThat(injected.headers().firstValue("Retry-After")).contains("1");
        assertThat(sandbox.gmail().violationCount()).as("an injected 429 is no violation").isZero();
        assertThat(sandbox.gmail().faultCount(Fault.EXPIRED_TOKEN)).isEqualTo(1);
    }

    private static String bodyOf(String json) {
        return json;
    }

    private static JsonNode parse(String text) {
        return io.inflow.sandbox.SandboxHttp.json(text);
    }
}
