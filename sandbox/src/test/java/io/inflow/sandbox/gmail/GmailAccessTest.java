package io.inflow.sandbox.gmail;

import static io.inflow.sandbox.gmail.GmailHttp.FORM;
import static io.inflow.sandbox.gmail.GmailHttp.USER;
import static io.inflow.sandbox.gmail.GmailHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Google's refresh-token exchange, access tokens that expire, and who may read the mailbox. */
class GmailAccessTest {

    private static final MutableClock clock = MutableClock.at("2025-06-10T08:00:00Z");
    private static Sandbox sandbox;
    private static GmailHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withClock(clock)
                .withGmailMessages(50));
        http = new GmailHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theRefreshTokenIsExchangedForAnHourLongBearerToken() {
        HttpResponse<String> response = http.token(FORM);

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.fieldNames()).toIterable().containsExactly("access_token", "expires_in", "scope", "token_type");
        assertThat(body.get("access_token").asText()).startsWith("ya29.");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3599);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(http.get(USER + "/profile", body.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongRefreshTokenIsAnInvalidGrantAndAWrongClientAnInvalidClient() {
        HttpResponse<String> badGrant = http.token(FORM.replace("refresh_token=sandbox-token", "refresh_token=revoked"));
        HttpResponse<String> badSecret = http.token(FORM.replace("client_secret=" + GmailApi.CLIENT_SECRET, "client_secret=x"));
        HttpResponse<String> badClient = http.token(FORM.replace("client_id=" + GmailApi.CLIENT_ID, "client_id=other"));
        HttpResponse<String> noToken = http.token(FORM.replace("refresh_token=sandbox-token&", ""));
        HttpResponse<String> badGrantType = http.token(FORM.replace("grant_type=refresh_token", "grant_type=password"));

        assertThat(badGrant.statusCode()).isEqualTo(400);
        assertThat(badGrant.body()).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(json(badSecret).get("error").asText()).isEqualTo("invalid_client");
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(json(badClient).get("error_description").asText()).isEqualTo("The OAuth client was not found.");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(json(noToken).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(badGrantType).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void callsWithoutAValidBearerTokenGetGoogles401() {
        HttpResponse<String> none = http.get(USER + "/profile", null);
        HttpResponse<String> unknown = http.get(USER + "/profile", "ya29.made-up");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).at("/error/errors/0/reason").asText()).isEqualTo("required");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
                + "credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See "
                + "https://developers.google.com/identity/sign-in/web/devconsole-project.\",\"errors\":[{\"message\":"
                + "\"Invalid Credentials\",\"domain\":\"global\",\"reason\":\"authError\",\"location\":\"Authorization\","
                + "\"locationType\":\"header\"}],\"status\":\"UNAUTHENTICATED\"}}");
    }

    @Test
    void anAccessTokenStopsWorkingWhenItsLifetimeIsOver() {
        String token = http.accessToken();

        clock.advance(Duration.ofSeconds(3_599));
        int before = http.get(USER + "/profile", token).statusCode();
        clock.advance(Duration.ofSeconds(1));
        int after = http.get(USER + "/profile", token).statusCode();

        assertThat(before).isEqualTo(200);
        assertThat(after).isEqualTo(401);
        assertThat(http.get(USER + "/profile", http.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersMailboxIsDelegationDeniedAndTheOwnersAddressWorksLikeMe() {
        String token = http.accessToken();

        HttpResponse<String> other = http.get("/gmail/gmail/v1/users/someone@example.com/profile", token);
        HttpResponse<String> owner = http.get("/gmail/gmail/v1/users/inflow.sandbox@gmail.com/profile", token);

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).at("/error/message").asText()).isEqualTo("Delegation denied for someone@example.com");
        assertThat(owner.statusCode()).isEqualTo(200);
    }

    @Test
    void writesAreRefusedForTheReadOnlyScope() {
        String token = http.accessToken();
        String id = json(http.get(USER + "/messages?maxResults=1", token)).at("/messages/0/id").asText();

        HttpResponse<String> trash = http.send("POST", USER + "/messages/" + id + "/trash", token);
        HttpResponse<String> delete = http.send("DELETE", USER + "/labels/Label_1", token);

        assertThat(trash.statusCode()).isEqualTo(403);
        assertThat(json(trash).at("/error/errors/0/reason").asText()).isEqualTo("insufficientPermissions");
        assertThat(delete.statusCode()).isEqualTo(403);
    }
}
