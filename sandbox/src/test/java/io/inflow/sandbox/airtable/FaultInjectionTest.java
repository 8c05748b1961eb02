package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of fault as a connector's HTTP client meets it. */
class FaultInjectionTest {

    private static final String RATE_LIMITED =
            "{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}";
    private static final String ITERATOR_NOT_AVAILABLE = "{\"error\":{\"type\":\"LIST_RECORDS_ITERATOR_NOT_AVAILABLE\","
            + "\"message\":\"The list records iterator is no longer available. Restart the listing from the first page.\"}}";
    private static final ObjectMapper STRICT = new ObjectMapper();

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        // Airtable's own limits stay on: injected faults must not trip them
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void inject(Fault fault) {
        sandbox.faults(FaultProfile.NONE.with(fault, 1.0));
    }

    /** A new second, so that Airtable's 5 requests per second never get in the way of a test's requests. */
    private HttpResponse<String> nextSecond(String pathAndQuery) {
        clock.advance(Duration.ofSeconds(1));
        return http.get(pathAndQuery);
    }

    @Test
    void aDroppedRequestGetsNoAnswerAtAllButTheConnectionCanBeUsedAgain() {
        inject(Fault.DROP);

        assertThatThrownBy(() -> http.list("maxRecords", "1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        // the JDK client tries an idempotent request once more after a silent close: both were dropped
        long requests = sandbox.airtable().requestCount();
        assertThat(requests).isBetween(1L, 2L);
        assertThat(sandbox.airtable().faultCount(Fault.DROP)).isEqualTo(requests);
        assertThat(sandbox.airtable().requests()).allSatisfy(request -> {
            assertThat(request.status()).isZero();
            assertThat(request.fault()).isEqualTo("drop");
        });
        sandbox.faults(FaultProfile.NONE);
        assertThat(nextSecond(TABLE_PATH + "?maxRecords=1").statusCode()).isEqualTo(200);
    }

    @Test
    void anInjected5xxIsA500InAirtablesWordsOrAGatewaysBareOrHtml502And503() {
        inject(Fault.HTTP_5XX);

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(nextSecond(TABLE_PATH + "?maxRecords=1"));
        }

        Set<Integer> statuses = new TreeSet<>();
        for (HttpResponse<String> answer : answers) {
            statuses.add(answer.statusCode());
            String type = answer.headers().firstValue("Content-Type").orElse("");
            switch (answer.statusCode()) {
                case 500 -> {
                    assertThat(answer.body()).isEqualTo("{\"error\":{\"type\":\"SERVER_ERROR\",\"message\":\"Server error\"}}");
                    assertThat(type).startsWith("application/json");
                }
                case 502 -> {
                    assertThat(answer.body()).contains("<h1>502 Bad Gateway</h1>");
                    assertThat(type).startsWith("text/html");
                }
                case 503 -> assertThat(answer.body()).isEmpty();
                default -> throw new AssertionError("unexpected status " + answer.statusCode());
            }
        }
        assertThat(statuses).containsExactly(500, 502, 503);
        assertThat(sandbox.airtable().faultCount(Fault.HTTP_5XX)).isEqualTo(30);
        assertThat(sandbox.airtable().violationCount()).isZero();
    }

    @Test
    void anInjected429SaysRetryAfterOneSecondButIsNoViolationAndLocksNothingOut() {
        inject(Fault.HTTP_429);

        List<HttpResponse<String>> refused = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refused.add(http.list("maxRecords", "1"));
        }
        sandbox.faults(FaultProfile.NONE);
        HttpResponse<String> rightAfter = http.list("maxRecords", "1");

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(429);
            assertThat(answer.headers().firstValue("Retry-After")).contains("1");
            assertThat(answer.body()).isEqualTo(RATE_LIMITED);
        });
        assertThat(rightAfter.statusCode()).isEqualTo(200);
        assertThat(sandbox.airtable().violationCount()).isZero();
        assertThat(sandbox.airtable().violationCount(ConversationsGenerator.BASE_ID)).isZero();
        assertThat(sandbox.airtable().faultCount(Fault.HTTP_429)).isEqualTo(4);
    }

    @Test
    void injected429sStillArriveSoARealBurstBehindThemIsAViolation() {
        inject(Fault.HTTP_429);

        for (int i = 0; i < 5; i++) {
            http.list("maxRecords", "1");
        }
        sandbox.faults(FaultProfile.NONE);
        HttpResponse<String> sixth = http.list("maxRecords", "1");

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sandbox.airtable().violationCount()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerComesLateButWhole() {
        sandbox.faults(FaultProfile.NONE.with(Fault.SLOW, 1.0).withSlowMs(300));

        long started = System.nanoTime();
        HttpResponse<String> answer = http.list("maxRecords", "2");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("records")).hasSize(2);
        assertThat(sandbox.airtable().faultCount(Fault.SLOW)).isEqualTo(1);
        assertThat(sandbox.airtable().requests()).extracting(LoggedRequest::status, LoggedRequest::fault)
                .containsExactly(tuple(200, "slow"));
    }

    @Test
    void aMalformedPageIsA200WhoseBodyIsCutShortAndNeverParses() {
        String whole = http.list("maxRecords", "3").body();
        inject(Fault.MALFORMED_PAGE);

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = nextSecond(TABLE_PATH + "?maxRecords=3");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isNotEmpty().hasSizeLessThan(whole.length());
            assertThat(whole).startsWith(answer.body());
            assertThatThrownBy(() -> STRICT.readTree(answer.body())).isInstanceOf(JsonProcessingException.class);
        }
        assertThat(sandbox.airtable().faultCount(Fault.MALFORMED_PAGE)).isEqualTo(10);
    }

    @Test
    void aMalformedRecordKeepsItsIdButNotItsFieldsOrCreatedTime() {
        JsonNode healthy = json(http.list("pageSize", "10", "maxRecords", "10"));
        inject(Fault.MALFORMED_RECORD);

        JsonNode page = json(nextSecond(TABLE_PATH + "?pageSize=10&maxRecords=10"));
        String firstId = healthy.get("records").get(0).get("id").asText();
        JsonNode single = json(nextSecond(TABLE_PATH + "/" + firstId));

        for (int i = 0; i < 10; i++) {
            JsonNode record = page.get("records").get(i);
            assertThat(record.get("id")).isEqualTo(healthy.get("records").get(i).get("id"));
            assertThat(record.get("createdTime").asText()).isEqualTo("not-a-time");
            assertThat(record.get("fields").isTextual()).isTrue();
            assertThat(record.get("fields").asText()).isEqualTo("#corrupted#");
        }
        assertThat(single.get("id").asText()).isEqualTo(firstId);
        assertThat(single.get("fields").isObject()).isFalse();
        assertThat(sandbox.airtable().faultCount(Fault.MALFORMED_RECORD)).isEqualTo(11);
        assertThat(sandbox.airtable().requests().get(1).fault()).isEqualTo("malformedRecord");

        sandbox.faults(FaultProfile.NONE);
        assertThat(json(nextSecond(TABLE_PATH + "?pageSize=10&maxRecords=10"))).isEqualTo(healthy);
    }

    @Test
    void aShareOfMalformedRecordsCorruptsSomeRecordsOfAPageAndCountsThem() {
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 0.3));

        JsonNode page = json(http.list("pageSize", "100"));

        int corrupted = 0;
        for (JsonNode record : page.get("records")) {
            assertThat(record.get("id").asText()).matches("rec[0-9A-Za-z]{14}");
            corrupted += record.get("fields").isObject() ? 0 : 1;
        }
        assertThat(corrupted).isBetween(10, 60);
        assertThat(sandbox.airtable().faultCount(Fault.MALFORMED_RECORD)).isEqualTo(corrupted);
    }

    @Test
    void anExpiredTokenFaultAnswers422AndForgetsTheIterator() {
        inject(Fault.EXPIRED_TOKEN);

        HttpResponse<String> first = http.list("pageSize", "10");
        String offset = json(first).get("offset").asText();
        HttpResponse<String> expired = nextSecond(TABLE_PATH + SandboxHttp.query("pageSize", "10", "offset", offset));
        sandbox.faults(FaultProfile.NONE);
        HttpResponse<String> again = nextSecond(TABLE_PATH + SandboxHttp.query("pageSize", "10", "offset", offset));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(422);
        assertThat(expired.body()).isEqualTo(ITERATOR_NOT_AVAILABLE);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).isEqualTo(ITERATOR_NOT_AVAILABLE);
        assertThat(sandbox.airtable().faultCount(Fault.EXPIRED_TOKEN)).isEqualTo(1);
        assertThat(nextSecond(TABLE_PATH + "?pageSize=10").statusCode()).isEqualTo(200);
    }

    @Test
    void contentFaultsLeaveAnswersThatFailForOtherReasonsAlone() {
        sandbox.faults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 1).with(Fault.MALFORMED_PAGE, 1).with(Fault.MALFORMED_RECORD, 1));

        HttpResponse<String> anonymous = http.get(TABLE_PATH, null);
        HttpResponse<String> badParameter = nextSecond(TABLE_PATH + "?pageSize=1000");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("error").get("type").asText()).isEqualTo("AUTHENTICATION_REQUIRED");
        assertThat(badParameter.statusCode()).isEqualTo(422);
        assertThat(json(badParameter).get("error").get("type").asText()).isEqualTo("INVALID_REQUEST_UNKNOWN");
        assertThat(sandbox.airtable().requests()).extracting(LoggedRequest::fault).containsOnlyNulls();
    }

    @Test
    void sharesOfOneFaultEveryRequestAndNoneHealsThemAll() {
        inject(Fault.HTTP_5XX);
        for (int i = 0; i < 10; i++) {
            assertThat(nextSecond(TABLE_PATH + "?maxRecords=1").statusCode()).isBetween(500, 503);
        }

        sandbox.faults(FaultProfile.NONE);

        for (int i = 0; i < 10; i++) {
            assertThat(nextSecond(TABLE_PATH + "?maxRecords=1").statusCode()).isEqualTo(200);
        }
        assertThat(sandbox.airtable().faultCount(Fault.HTTP_5XX)).isEqualTo(10);
    }
}
