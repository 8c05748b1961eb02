package io.inflow.sandbox.mindbody;

import static io.inflow.sandbox.mindbody.MindbodyHttp.V6;
import static io.inflow.sandbox.mindbody.MindbodyHttp.error;
import static io.inflow.sandbox.mindbody.MindbodyHttp.json;
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

/** Who may call what, and which parameters the fake takes, with Mindbody's answers when they are wrong. */
class AccessAndParametersTest {

    private static final MutableClock clock = MutableClock.at("2025-12-01T09:00:00Z");
    private static Sandbox sandbox;
    private static MindbodyHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withMindbody(
                MindbodyOptions.defaults().withRequestsPerSecond(0).withTokenLifetime(Duration.ofMinutes(60))));
        http = new MindbodyHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> clients(String query, String token) {
        return http.get(V6 + "/client/clients?" + query, token);
    }

    @Test
    void aStaffTokenComesForTheStaffUsersNameAndPassword() {
        HttpResponse<String> issued = http.issue("{\"username\":\"sandbox-staff\",\"PASSWORD\":\"sandbox-password\"}");

        JsonNode body = json(issued);
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(body.get("TokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("AccessToken").asText()).hasSize(32);
        assertThat(body.get("Expires").asText()).isEqualTo(clock.instant().plus(Duration.ofMinutes(60)).toString().replace("Z", ".000Z"));
        assertThat(body.get("User").toString()).isEqualTo("{\"Id\":100000001,\"FirstName\":\"Sandbox\",\"LastName\":\"Staff\",\"Type\":\"Staff\"}");
    }

    @Test
    void wrongStaffCredentialsAreRefused() {
        HttpResponse<String> refused = http.issue("{\"Username\":\"sandbox-staff\",\"Password\":\"guess\"}");
        HttpResponse<String> empty = http.issue("{}");
        HttpResponse<String> notJson = http.issue("Username=sandbox-staff");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(error("DeniedAccess", "Staff identity authentication failed."));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("Error").get("Code").asText()).isEqualTo("InvalidParameter");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void everyCallNeedsTheApiKeyThenTheSite() {
        HttpResponse<String> noKey = http.send(http.bare(V6 + "/class/classdescriptions"));
        HttpResponse<String> wrongKey = http.send(http.request(V6 + "/class/classdescriptions", "Api-Key", "nope"));
        HttpResponse<String> noSite = http.send(http.bare(V6 + "/class/classdescriptions").header("Api-Key", MindbodyHttp.KEY));
        HttpResponse<String> otherSite = http.send(http.request(V6 + "/class/classdescriptions", "SiteId", "12345"));
        HttpResponse<String> lowerCaseHeaders = http.send(http.bare(V6 + "/class/classdescriptions")
                .header("api-key", MindbodyHttp.KEY).header("siteid", "-99"));

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).get("Error").get("Code").asText()).isEqualTo("DeniedAccess");
        assertThat(wrongKey.body()).isEqualTo(error("DeniedAccess", "Invalid API key."));
        assertThat(noSite.statusCode()).isEqualTo(400);
        assertThat(noSite.body()).isEqualTo(error("InvalidSiteId", "The SiteId header is required."));
        assertThat(otherSite.body()).isEqualTo(error("InvalidSiteId", "Invalid SiteId: 12345."));
        assertThat(lowerCaseHeaders.statusCode()).isEqualTo(200);
    }

    @Test
    void clientsAndSalesNeedAStaffTokenRawOrAsBearer() {
        String token = http.token();

        assertThat(http.send(http.request(V6 + "/client/clients")).statusCode()).isEqualTo(401);
        assertThat(http.send(http.request(V6 + "/sale/sales")).statusCode()).isEqualTo(401);
        assertThat(clients("", "not-a-token").body()).isEqualTo(error("DeniedAccess", "The access token is invalid."));
        assertThat(clients("", token).statusCode()).isEqualTo(200);
        assertThat(clients("", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(http.get(V6 + "/class/classdescriptions", "not-a-token").statusCode())
                .as("a token that is sent must be valid even where none is needed").isEqualTo(401);
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = http.token();
        clock.advance(Duration.ofMinutes(60).minusMillis(1));
        HttpResponse<String> lastMoment = clients("", token);
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> expired = clients("", token);

        assertThat(lastMoment.statusCode()).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo(error("DeniedAccess", "The access token has expired."));
    }

    @Test
    void classVisitsAreShownToStaffOnly() {
        String query = V6 + "/class/classes?request.startDateTime=2025-03-03&request.endDateTime=2025-03-03&request.limit=200";
        JsonNode anonymous = json(http.send(http.request(query)));
        JsonNode staff = json(http.get(query, http.token()));

        assertThat(anonymous.get("Classes")).allSatisfy(c -> assertThat(c.get("Visits")).isEmpty());
        assertThat(staff.get("Classes")).anySatisfy(c -> assertThat(c.get("Visits")).isNotEmpty());
        assertThat(anonymous.get("PaginationResponse")).isEqualTo(staff.get("PaginationResponse"));
    }

    @Test
    void parameterNamesTakeThePrefixOrNotInAnyCase() {
        String token = http.token();

        for (String query : new String[] {"request.limit=3&request.offset=5", "limit=3&offset=5",
                "Request.Limit=3&REQUEST.OFFSET=5", "LIMIT=3&Offset=5"}) {
            JsonNode page = json(clients(query, token));
            assertThat(page.get("PaginationResponse").toString()).as(query)
                    .isEqualTo("{\"RequestedLimit\":3,\"RequestedOffset\":5,\"PageSize\":3,\"TotalResults\":536}");
        }
        assertThat(json(clients("request.includeinactive=TRUE&request.limit=1", token)).get("PaginationResponse")
                .get("TotalResults").asInt()).isEqualTo(6_539);
        assertThat(json(clients("request.noSuchThing=1&request.limit=1", token)).get("PaginationResponse")
                .get("TotalResults").asInt()).as("unknown names are ignored, as ASP.NET does").isEqualTo(536);
    }

    @Test
    void arrayParametersRepeatTheirName() {
        String token = http.token();
        JsonNode page = json(clients("request.includeInactive=true&request.uniqueIds=100001001&request.uniqueIds=100001002"
                + "&request.limit=10", token));

        assertThat(page.get("Clients")).extracting(client -> client.get("UniqueId").asLong())
                .containsExactly(100_001_001L, 100_001_002L);
    }

    @Test
    void aPageHoldsAtMostTwoHundred() {
        String token = http.token();

        assertThat(clients("request.limit=200", token).statusCode()).isEqualTo(200);
        HttpResponse<String> tooMany = clients("request.limit=201", token);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo(error("InvalidParameter", "Limit must be between 1 and 200, was 201."));
        assertThat(clients("request.limit=0", token).statusCode()).isEqualTo(400);
        assertThat(clients("request.offset=-1", token).statusCode()).isEqualTo(400);
        assertThat(json(clients("", token)).get("PaginationResponse").get("RequestedLimit").asInt()).isEqualTo(100);
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        String token = http.token();

        assertThat(clients("request.limit=ten", token).body())
                .isEqualTo(error("InvalidParameter", "The value 'ten' is not valid for Limit."));
        assertThat(clients("request.includeInactive=yes", token).statusCode()).isEqualTo(400);
        assertThat(clients("request.lastModifiedDate=yesterday", token).body())
                .isEqualTo(error("InvalidParameter", "The value 'yesterday' is not valid for LastModifiedDate."));
        assertThat(http.get(V6 + "/sale/sales?request.startSaleDateTime=03/04/2025", token).statusCode()).isEqualTo(400);
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPage() {
        JsonNode page = json(clients("request.offset=10000&request.limit=5", http.token()));

        assertThat(page.get("PaginationResponse").toString())
                .isEqualTo("{\"RequestedLimit\":5,\"RequestedOffset\":10000,\"PageSize\":0,\"TotalResults\":536}");
        assertThat(page.get("Clients")).isEmpty();
    }

    @Test
    void unknownPathsAndMethodsGetAspNetsOwnAnswers() {
        HttpResponse<String> unknown = http.send(http.request(V6 + "/client/nothing"));
        HttpResponse<String> wrongMethod = http.send(http.request(V6 + "/usertoken/issue"));
        HttpResponse<String> otherCase = http.get(V6.replace("public/v6", "Public/V6") + "/Client/Clients", http.token());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("Message").asText()).startsWith("No HTTP resource was found");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("{\"Message\":\"The requested resource does not support http method 'GET'.\"}");
        assertThat(otherCase.statusCode()).isEqualTo(200);
    }

    @Test
    void classVisitsNeedAClassId() {
        String token = http.token();

        HttpResponse<String> missing = http.get(V6 + "/class/classvisits", token);
        JsonNode one = json(http.get(V6 + "/class/classvisits?request.classID=80000", token));

        assertThat(missing.body()).isEqualTo(error("InvalidParameter", "ClassID is required."));
        assertThat(one.get("Class").get("Id").asInt()).isEqualTo(80_000);
        assertThat(one.get("Class").get("Visits").size()).isEqualTo(one.get("Class").get("TotalBooked").asInt()
                + (int) java.util.stream.StreamSupport.stream(one.get("Class").get("Visits").spliterator(), false)
                        .filter(v -> v.get("LateCancelled").asBoolean()).count());
    }

    @Test
    void salesAreWindowedBySaleTimeBothEndsIncluded() {
        String token = http.token();
        JsonNode first = json(http.get(V6 + "/sale/sales?request.startSaleDateTime=2024-10-13&request.endSaleDateTime=2025-11-14T23:59:59"
                + "&request.limit=1", token)).get("Sales").get(0);
        String at = first.get("SaleDateTime").asText();

        JsonNode exactly = json(http.get(V6 + "/sale/sales?request.startSaleDateTime=" + at + "&request.endSaleDateTime=" + at,
                token));

        assertThat(exactly.get("Sales")).extracting(s -> s.get("Id").asLong()).contains(first.get("Id").asLong());
        assertThat(json(http.get(V6 + "/sale/sales?request.saleId=" + first.get("Id").asLong()
                + "&request.startSaleDateTime=2024-01-01&request.endSaleDateTime=2026-01-01", token)).get("Sales")).hasSize(1);
    }

    @Test
    void aTokenRequestsPasswordIsNotKeptInTheRequestLog() {
        sandbox.reset();
        http.issue(MindbodyHttp.CREDENTIALS);

        assertThat(sandbox.mindbody().requests()).singleElement()
                .satisfies(request -> assertThat(request.body().toString()).isEqualTo("{\"Username\":\"sandbox-staff\",\"Password\":\"***\"}"));
        assertThat(http.send(http.bare("/_sandbox/requests?api=mindbody")).body()).doesNotContain(MindbodyApi.PASSWORD);
    }
}
