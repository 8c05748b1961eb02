package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.ARCHIVE_TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static io.inflow.sandbox.SandboxHttp.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The second base, appClinicArchive: its own data and limit, the same schema and token. */
class ArchiveBaseTest {

    private static final String ARCHIVE = ConversationsGenerator.ARCHIVE_BASE_ID;
    private static final String MAIN = ConversationsGenerator.BASE_ID;

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    private void start(SandboxOptions options) {
        sandbox = Sandbox.start(options.withPort(0).withClock(clock));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<Integer> burst(String tablePath, int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(http.get(tablePath + "?maxRecords=1").statusCode());
        }
        return statuses;
    }

    @Test
    void theArchiveHoldsTwoThousandConversationsOfItsOwnWithTheExactFigures() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecond(0));

        List<JsonNode> archive = records(http.listAllIn(ARCHIVE_TABLE_PATH, "pageSize", "100"));
        Set<String> mainIds = new HashSet<>();
        records(http.listAll("pageSize", "100")).forEach(record -> mainIds.add(record.get("id").asText()));

        ConversationFigures figures = ConversationFigures.forRecords(2_000);
        assertThat(sandbox.airtable().figures(ARCHIVE)).isEqualTo(figures);
        assertThat(archive).hasSize(2_000);
        assertThat(archive.stream().map(record -> record.get("id").asText()).distinct().count()).isEqualTo(2_000);
        assertThat(archive).noneMatch(record -> mainIds.contains(record.get("id").asText()));
        assertThat(archive.stream().filter(record -> record.get("fields").has("Booking")).count()).isEqualTo(figures.booked());
        assertThat(archive.stream().filter(record -> record.get("fields").get("Lead Created").asText().equals("Yes")).count())
                .isEqualTo(figures.leadsCreated());
        assertThat(archive.stream().filter(record -> record.get("fields").has("Engaged")).count()).isEqualTo(figures.engaged());
    }

    @Test
    void theArchiveHasTheSameFieldsUnderItsOwnTableId() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecond(0));

        JsonNode main = json(http.get("/airtable/v0/meta/bases/" + MAIN + "/tables")).get("tables").get(0);
        JsonNode archive = json(http.get("/airtable/v0/meta/bases/" + ARCHIVE + "/tables")).get("tables").get(0);

        assertThat(archive.get("id").asText()).isEqualTo("tblArchiveConvos0").isNotEqualTo(main.get("id").asText());
        assertThat(archive.get("name")).isEqualTo(main.get("name"));
        assertThat(archive.get("fields")).isEqualTo(main.get("fields"));
        assertThat(archive.get("views")).isEqualTo(main.get("views"));
        assertThat(http.get("/airtable/v0/" + ARCHIVE + "/tblArchiveConvos0?maxRecords=2").body())
                .isEqualTo(http.get(ARCHIVE_TABLE_PATH + "?maxRecords=2").body());
    }

    @Test
    void statsShowEachBaseAndTheTotalAlsoCountsRequestsNamingNoKnownBase() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecond(0));

        http.get(TABLE_PATH + "?maxRecords=1");
        http.get(TABLE_PATH, null);
        http.get("/airtable/v0/meta/bases/" + MAIN + "/tables");
        http.get(ARCHIVE_TABLE_PATH + "?maxRecords=1");
        http.get(ARCHIVE_TABLE_PATH + "?pageSize=0");
        http.get("/airtable/v0/meta/bases");
        http.get("/airtable/v0/appNope/Conversations");

        JsonNode stats = json(http.get("/_sandbox/stats", null)).get("airtable");

        assertThat(stats.get("requests").asInt()).isEqualTo(7);
        assertThat(stats.get("streams").toString()).isEqualTo("{\"Conversations\":20077}");
        assertThat(stats.get("bases").toString()).isEqualTo(
                "{\"appClinicConversations\":{\"requests\":3,\"violations\":0,\"streams\":{\"Conversations\":20077}},"
                        + "\"appClinicArchive\":{\"requests\":2,\"violations\":0,\"streams\":{\"Conversations\":2000}}}");
        assertThat(sandbox.airtable().requestCount(MAIN)).isEqualTo(3);
        assertThat(sandbox.airtable().requestCount(ARCHIVE)).isEqualTo(2);
    }

    @Test
    void aBurstOnOneBaseLocksThatBaseOutButNotTheOther() {
        start(SandboxOptions.defaults());

        assertThat(burst(TABLE_PATH, 6)).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(burst(ARCHIVE_TABLE_PATH, 5)).containsOnly(200);
        assertThat(burst(ARCHIVE_TABLE_PATH, 1)).containsExactly(429);
        assertThat(burst(TABLE_PATH, 1)).containsExactly(429);

        assertThat(sandbox.airtable().violationCount(MAIN)).isEqualTo(2);
        assertThat(sandbox.airtable().violationCount(ARCHIVE)).isEqualTo(1);
        assertThat(sandbox.airtable().violationCount()).isEqualTo(3);
        JsonNode bases = json(http.get("/_sandbox/stats", null)).get("airtable").get("bases");
        assertThat(bases.get(MAIN).get("violations").asInt()).isEqualTo(2);
        assertThat(bases.get(ARCHIVE).get("violations").asInt()).isEqualTo(1);
    }

    @Test
    void theTokensLimitSpansBothBases() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecondPerToken(8));

        assertThat(burst(TABLE_PATH, 5)).containsOnly(200);
        assertThat(burst(ARCHIVE_TABLE_PATH, 3)).containsOnly(200);
        assertThat(burst(ARCHIVE_TABLE_PATH, 1)).containsExactly(429);
        assertThat(burst(TABLE_PATH, 1)).containsExactly(429);

        assertThat(sandbox.airtable().violationCount(ARCHIVE)).isEqualTo(1);
        assertThat(sandbox.airtable().violationCount(MAIN)).isEqualTo(1);
    }

    @Test
    void modifyChangesTheBaseItNamesAndOnlyThatOne() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecond(0));

        HttpResponse<String> answer = http.post("/_sandbox/airtable/modify", "{\"count\": 10, \"base\": \"" + ARCHIVE + "\"}", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        String changed = "IS_AFTER({Last Modified}, '2025-01-01')";
        List<JsonNode> archive = records(http.listAllIn(ARCHIVE_TABLE_PATH, "filterByFormula", changed));
        Set<String> ids = new HashSet<>();
        json(answer).get("ids").forEach(id -> ids.add(id.asText()));
        assertThat(archive).extracting(record -> record.get("id").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(records(http.listAll("filterByFormula", changed))).isEmpty();
        assertThat(http.post("/_sandbox/airtable/modify", "{\"count\": 2001, \"base\": \"" + ARCHIVE + "\"}", null).statusCode())
                .isEqualTo(400);
        assertThat(http.post("/_sandbox/airtable/modify", "{\"count\": 1, \"base\": \"appNope\"}", null).statusCode()).isEqualTo(400);
        assertThat(http.post("/_sandbox/airtable/modify", "{\"count\": 1, \"bse\": \"" + ARCHIVE + "\"}", null).statusCode()).isEqualTo(400);
        assertThat(sandbox.airtable().modify(MAIN, 3).ids()).hasSize(3);
    }

    @Test
    void anOffsetFromOneBaseIsRefusedByTheOther() {
        start(SandboxOptions.defaults().withAirtableRequestsPerSecond(0));

        String offset = json(http.get(TABLE_PATH + "?pageSize=10")).get("offset").asText();
        HttpResponse<String> elsewhere = http.get(ARCHIVE_TABLE_PATH + SandboxHttp.query("pageSize", "10", "offset", offset));

        assertThat(elsewhere.statusCode()).isEqualTo(422);
        assertThat(http.get(TABLE_PATH + SandboxHttp.query("pageSize", "10", "offset", offset)).statusCode()).isEqualTo(200);
    }
}
