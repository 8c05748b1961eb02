package io.inflow.sandbox;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault profile through {@code /_sandbox/faults}, and the faults' traces in stats, the log and resets. */
class FaultAdminTest {

    private static final String NO_FAULTS = "{\"http429\":0.0,\"http5xx\":0.0,\"slow\":0.0,\"drop\":0.0,"
            + "\"malformedPage\":0.0,\"malformedRecord\":0.0,\"expiredToken\":0.0,\"slowMs\":2000}";

    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRequestsPerSecond(0));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSandboxStartsWithoutFaults() {
        HttpResponse<String> profile = http.get("/_sandbox/faults", null);

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).isEqualTo(NO_FAULTS);
        assertThat(sandbox.faults()).isEqualTo(FaultProfile.NONE);
    }

    @Test
    void postingAProfileReplacesTheWholeProfileAndAnswersIt() {
        http.post("/_sandbox/faults", "{\"drop\": 0.5}", null);

        HttpResponse<String> answer = http.post("/_sandbox/faults", "{\"http5xx\": 1, \"slowMs\": 10}", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer)).isEqualTo(json(http.get("/_sandbox/faults", null)));
        assertThat(sandbox.faults()).isEqualTo(FaultProfile.NONE.with(Fault.HTTP_5XX, 1).withSlowMs(10));
        assertThat(http.list("maxRecords", "1").statusCode()).isBetween(500, 503);
    }

    @Test
    void anEmptyProfileHealsEverything() {
        sandbox.faults(FaultProfile.parse("{\"http5xx\":1,\"malformedRecord\":1}"));

        HttpResponse<String> answer = http.post("/_sandbox/faults", "{}", null);

        assertThat(answer.body()).isEqualTo(NO_FAULTS);
        assertThat(http.list("maxRecords", "1").statusCode()).isEqualTo(200);
    }

    @Test
    void badProfilesAreRefusedWith400AndChangeNothing() {
        sandbox.faults(FaultProfile.NONE.with(Fault.SLOW, 0.5));
        for (String body : List.of("{\"bogus\": 0.1}", "{\"drop\": 1.5}", "{\"drop\": -1}", "{\"drop\": \"0.5\"}",
                "{\"drop\": true}", "{\"slowMs\": -1}", "[]", "nope", "")) {
            HttpResponse<String> answer = http.post("/_sandbox/faults", body, null);

            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(json(answer).get("error").get("message").asText()).as(body).isNotBlank();
        }
        assertThat(sandbox.faults()).isEqualTo(FaultProfile.NONE.with(Fault.SLOW, 0.5));
    }

    @Test
    void adminCallsAreNeverFaulted() {
        sandbox.faults(FaultProfile.NONE.with(Fault.DROP, 1).with(Fault.HTTP_5XX, 1));

        assertThat(http.get("/_sandbox/stats", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/_sandbox/health", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/_sandbox/connections", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void statsCountTheInjectedFaultsAndResetZeroesThemButKeepsTheProfile() {
        sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_5XX, 1));
        http.list("maxRecords", "1");
        http.list("maxRecords", "1");
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1));
        http.list("maxRecords", "3");

        JsonNode faults = json(http.get("/_sandbox/stats", null)).get("airtable").get("faults");
        http.post("/_sandbox/reset", "", null);
        JsonNode afterReset = json(http.get("/_sandbox/stats", null)).get("airtable").get("faults");

        assertThat(faults.toString()).isEqualTo("{\"http429\":0,\"http5xx\":2,\"slow\":0,\"drop\":0,\"malformedPage\":0,"
                + "\"malformedRecord\":3,\"expiredToken\":0}");
        assertThat(afterReset.toString()).isEqualTo("{\"http429\":0,\"http5xx\":0,\"slow\":0,\"drop\":0,\"malformedPage\":0,"
                + "\"malformedRecord\":0,\"expiredToken\":0}");
        assertThat(sandbox.faults()).isEqualTo(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1));
    }

    @Test
    void theRequestLogSaysWhichFaultEachRequestGotAndADropHasStatusZero() {
        http.list("maxRecords", "1");
        sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_429, 1));
        http.list("maxRecords", "1");
        sandbox.faults(FaultProfile.NONE.with(Fault.DROP, 1));
        assertThatThrownBy(() -> http.list("maxRecords", "1")).isInstanceOf(UncheckedIOException.class);

        JsonNode log = json(http.get("/_sandbox/requests?api=airtable", null));

        assertThat(log.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(log.get(0).has("fault")).isFalse();
        assertThat(log.get(1).get("status").asInt()).isEqualTo(429);
        assertThat(log.get(1).get("fault").asText()).isEqualTo("http429");
        assertThat(log.get(2).get("status").asInt()).isZero();
        assertThat(log.get(2).get("fault").asText()).isEqualTo("drop");
        assertThat(json(http.get("/_sandbox/stats", null)).get("airtable").get("violations").asInt()).isZero();
    }

    @Test
    void optionsCanStartASandboxWithFaults() {
        FaultProfile profile = FaultProfile.NONE.with(Fault.HTTP_429, 1);
        try (Sandbox faulty = Sandbox.start(SandboxOptions.defaults().withPort(0).withFaults(profile))) {
            assertThat(faulty.faults()).isEqualTo(profile);
            assertThat(new SandboxHttp(faulty).get(TABLE_PATH).statusCode()).isEqualTo(429);
        }
    }
}
