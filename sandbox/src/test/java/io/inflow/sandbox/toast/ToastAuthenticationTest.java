package io.inflow.sandbox.toast;

import static io.inflow.sandbox.toast.ToastHttp.CREDENTIALS;
import static io.inflow.sandbox.toast.ToastHttp.headers;
import static io.inflow.sandbox.toast.ToastHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The machine-client login and what every orders call must carry. */
class ToastAuthenticationTest {

    private static final String ONE_HOUR = ToastHttp.window(java.time.Instant.parse("2025-03-01T16:00:00Z"),
            java.time.Instant.parse("2025-03-01T17:00:00Z"));

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private ToastHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(1)
                .withToastRequestsPerSecond(0));
        http = new ToastHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aLoginAnswersABearerTokenForADay() {
        HttpResponse<String> response = http.login(CREDENTIALS);

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(fieldNames(body.path("token")))
                .containsExactly("tokenType", "scope", "expiresIn", "accessToken", "idToken", "refreshToken");
        assertThat(body.path("token").path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.path("token").path("expiresIn").asLong()).isEqualTo(86_400);
        assertThat(body.path("token").path("accessToken").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void loggingInAgainGivesTheSameTokenUntilItsLastMinute() {
        String first = http.token();
        clock.advance(Duration.ofHours(23).plusMinutes(58));
        String stillTheSame = http.token();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        String renewed = http.token();

        assertThat(stillTheSame).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(http.bulk(first, ONE_HOUR).statusCode()).as("the old token until it expires").isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = http.token();
        clock.advance(Duration.ofDays(1));

        HttpResponse<String> response = http.bulk(token, ONE_HOUR);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void wrongCredentialsAreA401InToastsErrorShape() {
        HttpResponse<String> wrongSecret = http.login(CREDENTIALS.replace("sandbox-token", "guess"));
        HttpResponse<String> wrongClient = http.login(CREDENTIALS.replace(Restaurant.CLIENT_ID, "someone-else"));

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(fieldNames(json(wrongSecret))).containsExactly("status", "code", "message", "messageKey", "fieldName",
                "link", "requestId", "developerMessage", "errors", "canRetry");
        assertThat(json(wrongSecret).path("requestId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void aLoginMustBeJsonWithEveryFieldAndTheMachineAccessType() {
        assertThat(http.login(CREDENTIALS, "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
        assertThat(http.login("clientId=x").statusCode()).isEqualTo(400);
        assertThat(http.login("{\"clientId\":\"" + Restaurant.CLIENT_ID + "\",\"clientSecret\":\"sandbox-token\"}")
                .statusCode()).isEqualTo(400);
        assertThat(http.login(CREDENTIALS.replace("TOAST_MACHINE_CLIENT", "TOAST_USER")).statusCode()).isEqualTo(400);
    }

    @Test
    void ordersNeedABearerTokenAndTheRestaurantHeader() {
        String token = http.token();

        assertThat(http.get(ToastHttp.BULK + "?" + ONE_HOUR, headers(null, Restaurant.GUID)).statusCode()).isEqualTo(401);
        assertThat(http.get(ToastHttp.BULK + "?" + ONE_HOUR, headers("forged", Restaurant.GUID)).statusCode()).isEqualTo(401);
        assertThat(http.get(ToastHttp.BULK + "?" + ONE_HOUR, headers(token, null)).statusCode()).isEqualTo(400);
        assertThat(http.get(ToastHttp.BULK + "?" + ONE_HOUR, headers(token, "8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910"))
                .statusCode()).isEqualTo(403);
        assertThat(http.get(ToastHttp.BULK + "?" + ONE_HOUR, headers(token, Restaurant.GUID)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyTokenCanBeExpiredAtOnceFromTheSandbox() {
        String token = http.token();

        sandbox.toast().expireTokens();

        assertThat(http.bulk(token, ONE_HOUR).statusCode()).isEqualTo(401);
        assertThat(http.bulk(http.token(), ONE_HOUR).statusCode()).isEqualTo(200);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
