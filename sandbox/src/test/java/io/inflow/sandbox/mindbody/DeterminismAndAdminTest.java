package io.inflow.sandbox.mindbody;

import static io.inflow.sandbox.mindbody.MindbodyHttp.V6;
import static io.inflow.sandbox.mindbody.MindbodyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, same studio; the admin surface for the Mindbody fake; its faults. */
class DeterminismAndAdminTest {

    private static final String CLASSES = V6 + "/class/classes?request.startDateTime=2025-03-03&request.endDateTime=2025-03-03"
            + "&request.limit=5";

    private static Sandbox start(long seed, MutableClock clock) {
        return Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(seed).withClock(clock)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
    }

    private static List<String> session(long seed) {
        try (Sandbox sandbox = start(seed, MutableClock.at("2025-12-01T09:00:00Z"))) {
            MindbodyHttp http = new MindbodyHttp(sandbox);
            String token = http.token();
            List<String> bodies = new ArrayList<>();
            bodies.add(token);
            bodies.add(http.get(V6 + "/client/clients?request.includeInactive=true&request.limit=50&request.offset=3000", token).body());
            bodies.add(http.get(CLASSES, token).body());
            bodies.add(http.get(V6 + "/sale/sales?request.startSaleDateTime=2025-05-01&request.endSaleDateTime=2025-05-02&request.limit=20", token).body());
            bodies.add(http.get(V6 + "/class/classdescriptions?request.limit=200", token).body());
            sandbox.mindbody().modify(5);
            bodies.add(http.get(V6 + "/client/clients?request.includeInactive=true&request.lastModifiedDate=2025-12-01T00:00:00Z", token).body());
            return bodies;
        }
    }

    @Test
    void twoSandboxesWithTheSameSeedAnswerByteForByteAlike() {
        assertThat(session(42)).isEqualTo(session(42));
    }

    @Test
    void anotherSeedGivesAnotherStudioOfTheSameSizeAndTheSameCatalogue() {
        List<String> first = session(42);
        List<String> other = session(7);

        assertThat(other.get(1)).isNotEqualTo(first.get(1));
        assertThat(other.get(2)).isNotEqualTo(first.get(2));
        assertThat(other.get(4)).isEqualTo(first.get(4));
        try (Sandbox sandbox = start(7, MutableClock.at("2025-12-01T09:00:00Z"))) {
            assertThat(sandbox.mindbody().streams().values()).containsExactly(6_539L, 84L, 39_022L, 84_216L, 12_407L);
            assertThat(sandbox.mindbody().activeClients()).isEqualTo(536);
        }
    }

    @Test
    void theConnectionBodyPointsHereWithCredentialsTheFakeAccepts() {
        try (Sandbox sandbox = start(42, MutableClock.at("2025-12-01T09:00:00Z"))) {
            MindbodyHttp http = new MindbodyHttp(sandbox);

            JsonNode all = json(http.send(http.bare("/_sandbox/connections")));
            JsonNode one = json(http.send(http.bare("/_sandbox/connections/mindbody")));

            assertThat(one).isEqualTo(all.get("mindbody"));
            assertThat(one.toString()).isEqualTo("{\"plugin\":\"mindbody\",\"name\":\"mindbody-sandbox\",\"config\":{"
                    + "\"baseUrl\":\"" + sandbox.baseUrl() + "/mindbody\",\"apiKey\":\"sandbox-token\",\"siteId\":-99,"
                    + "\"username\":\"sandbox-staff\",\"password\":\"sandbox-password\",\"startDate\":\"2024-10-13\","
                    + "\"endDate\":\"2025-11-14\"}}");
        }
    }

    @Test
    void modifyChangesClientsWithOneNewModificationTimeThatAnIncrementalFilterFinds() {
        MutableClock clock = MutableClock.at("2025-12-01T09:00:00Z");
        try (Sandbox sandbox = start(42, clock)) {
            MindbodyHttp http = new MindbodyHttp(sandbox);
            String token = http.token();

            HttpResponse<String> answer = http.send(http.bare("/_sandbox/mindbody/modify")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":10}")));
            Modification same = sandbox.mindbody().modify(3);
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> bad = http.send(http.bare("/_sandbox/mindbody/modify")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":10,\"table\":\"x\"}")));
            JsonNode changed = json(http.get(V6 + "/client/clients?request.includeInactive=true"
                    + "&request.lastModifiedDate=2025-12-01T09:00:00Z&request.limit=200", token));

            JsonNode modified = json(answer);
            assertThat(modified.get("modified").asInt()).isEqualTo(10);
            assertThat(modified.get("ids")).hasSize(10);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(changed.get("PaginationResponse").get("TotalResults").asInt()).isEqualTo(13);
            List<String> times = new ArrayList<>();
            changed.get("Clients").forEach(client -> times.add(client.get("LastModifiedDateTime").asText()));
            assertThat(times).containsOnly("2025-12-01T09:00:00.000Z", "2025-12-01T09:00:00.001Z");
            assertThat(same.ids()).hasSize(3);
            assertThat(sandbox.mindbody().streams().get("clients")).isEqualTo(6_539);
            assertThat(sandbox.mindbody().activeClients()).isEqualTo(536);
        }
    }

    @Test
    void injectedFaultsSpeakMindbodysLanguageAndKeepRecordIds() {
        try (Sandbox sandbox = start(42, MutableClock.at("2025-12-01T09:00:00Z"))) {
            MindbodyHttp http = new MindbodyHttp(sandbox);
            String token = http.token();

            sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_429, 1.0));
            HttpResponse<String> tooMany = http.get(CLASSES, token);
            sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1.0));
            JsonNode broken = json(http.get(CLASSES, token));
            sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_PAGE, 1.0));
            HttpResponse<String> cut = http.get(CLASSES, token);
            sandbox.faults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 1.0));
            HttpResponse<String> expired = http.get(CLASSES, token);
            HttpResponse<String> anonymous = http.send(http.request(CLASSES));
            sandbox.faults(FaultProfile.NONE);
            HttpResponse<String> stillExpired = http.get(CLASSES, token);

            assertThat(tooMany.statusCode()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Retry-After")).contains("1");
            assertThat(sandbox.mindbody().violationCount()).isZero();
            assertThat(broken.get("Classes")).hasSize(5).allSatisfy(c -> {
                assertThat(c.get("Id").asInt()).isPositive();
                assertThat(c.get("StartDateTime").asText()).isEqualTo("not-a-date");
            });
            assertThat(cut.statusCode()).isEqualTo(200);
            assertThat(cut.body()).startsWith("{").doesNotEndWith("}");
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(anonymous.statusCode()).as("no token, nothing to expire").isEqualTo(200);
            assertThat(stillExpired.body()).isEqualTo(MindbodyHttp.error("DeniedAccess", "The access token has expired."));
            assertThat(json(http.send(http.bare("/_sandbox/stats"))).get("mindbody").get("faults").toString())
                    .isEqualTo("{\"http429\":1,\"http5xx\":0,\"slow\":0,\"drop\":0,\"malformedPage\":1,\"malformedRecord\":5,"
                            + "\"expiredToken\":1}");
        }
    }
}
