package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static io.inflow.sandbox.SandboxHttp.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListRecordsTest {

    private static final String INVALID_REQUEST =
            "{\"error\":{\"type\":\"INVALID_REQUEST_UNKNOWN\",\"message\":\"Invalid request: parameter validation failed. Check your request data.\"}}";

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRequestsPerSecond(0));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void pagingThroughEveryRecordTakes201RequestsAndYields20077DistinctIds() {
        List<JsonNode> pages = http.listAll("pageSize", "100");

        List<JsonNode> records = records(pages);
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(record.get("id").asText()));
        assertThat(pages).hasSize(201);
        assertThat(records).hasSize(20_077);
        assertThat(ids).hasSize(20_077);
        assertThat(sandbox.airtable().requestCount()).isEqualTo(201);
        assertThat(pages.get(200).has("offset")).isFalse();
        assertThat(pages.get(0).get("offset").asText()).matches("itr[0-9A-Za-z]{14}/rec[0-9A-Za-z]{14}");
    }

    @Test
    void theRecordsCarryTheExactFiguresAndOmitEmptyCells() {
        List<JsonNode> records = records(http.listAll());

        long booked = records.stream().filter(r -> r.get("fields").has("Booking")).count();
        long leads = records.stream().filter(r -> r.get("fields").get("Lead Created").asText().equals("Yes")).count();
        long engaged = records.stream().filter(r -> r.get("fields").has("Engaged")).count();
        assertThat(booked).isEqualTo(3_122);
        assertThat(leads).isEqualTo(13_908);
        assertThat(engaged).isEqualTo(7_910);
        assertThat(records).allSatisfy(record -> {
            if (record.get("fields").has("Engaged")) {
                assertThat(record.get("fields").get("Engaged").asBoolean()).isTrue();
            }
        });
    }

    @Test
    void aRecordLooksLikeAirtables() {
        JsonNode record = json(http.list("maxRecords", "1")).get("records").get(0);

        assertThat(record.get("id").asText()).matches("rec[0-9A-Za-z]{14}");
        assertThat(record.get("createdTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode fields = record.get("fields");
        assertThat(fields.get("Created").asText()).isEqualTo(record.get("createdTime").asText());
        assertThat(fields.get("Last Modified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(fields.get("User ID").asText()).matches("usr_\\d{8}");
        assertThat(fields.get("Messages").isInt()).isTrue();
        assertThat(fields.get("Conversation").asInt()).isEqualTo(1);
        assertThat(ConversationsGenerator.CLINICS).contains(fields.get("Clinic").asText());
        assertThat(ConversationsGenerator.AUTOMATIONS).contains(fields.get("Automation").asText());
    }

    @Test
    void pageSizeAbove100OrBelow1OrNotAWholeNumberIsRefused() {
        for (String size : List.of("101", "0", "-1", "ten", "10.5", "")) {
            HttpResponse<String> response = http.list("pageSize", size);

            assertThat(response.statusCode()).as(size).isEqualTo(422);
            assertThat(response.body()).isEqualTo(INVALID_REQUEST);
        }
    }

    @Test
    void unknownAndRepeatedParametersAreRefused() {
        assertThat(http.list("foo", "bar").statusCode()).isEqualTo(422);
        assertThat(http.list("pageSize", "10", "pageSize", "10").statusCode()).isEqualTo(422);
        assertThat(http.list("fields", "Clinic").statusCode()).isEqualTo(422);
        assertThat(http.list("sort[0][direction]", "asc").statusCode()).isEqualTo(422);
        assertThat(http.list("sort[0][field]", "Clinic", "sort[0][direction]", "up").statusCode()).isEqualTo(422);
    }

    @Test
    void maxRecordsCapsTheWholeScan() {
        List<JsonNode> pages = http.listAll("pageSize", "30", "maxRecords", "70");

        assertThat(pages).extracting(page -> page.get("records").size()).containsExactly(30, 30, 10);
    }

    @Test
    void fieldsSelectsByNameOrIdAndKeepsIdAndCreatedTime() {
        String clinicId = sandbox.airtable().table().column("Clinic").orElseThrow().field().id();

        JsonNode record = json(http.list("maxRecords", "1", "fields[]", "Messages", "fields[]", clinicId))
                .get("records").get(0);

        assertThat(record.get("fields").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("Clinic", "Messages");
        assertThat(record.has("id")).isTrue();
        assertThat(record.has("createdTime")).isTrue();
    }

    @Test
    void anUnknownFieldInFieldsOrSortIsRefusedByName() {
        HttpResponse<String> inFields = http.list("fields[]", "Nope");
        HttpResponse<String> inSort = http.list("sort[0][field]", "Nope");

        String expected = "{\"error\":{\"type\":\"UNKNOWN_FIELD_NAME\",\"message\":\"Unknown field name: \\\"Nope\\\"\"}}";
        assertThat(inFields.statusCode()).isEqualTo(422);
        assertThat(inFields.body()).isEqualTo(expected);
        assertThat(inSort.statusCode()).isEqualTo(422);
        assertThat(inSort.body()).isEqualTo(expected);
    }

    @Test
    void onlyAnExistingViewIsAccepted() {
        assertThat(http.list("view", "Grid view", "maxRecords", "1").statusCode()).isEqualTo(200);

        HttpResponse<String> response = http.list("view", "Kanban");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("error").get("type").asText()).isEqualTo("VIEW_NAME_NOT_FOUND");
    }

    @Test
    void stringCellFormatNeedsTimeZoneAndLocale() {
        assertThat(http.list("cellFormat", "string").statusCode()).isEqualTo(422);
        assertThat(http.list("cellFormat", "string", "timeZone", "Europe/Paris").statusCode()).isEqualTo(422);
        assertThat(http.list("cellFormat", "xml").statusCode()).isEqualTo(422);

        HttpResponse<String> response = http.list("cellFormat", "string", "timeZone", "Europe/Paris", "userLocale", "en-gb",
                "maxRecords", "1", "fields[]", "Messages");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("records").get(0).get("fields").get("Messages").isTextual()).isTrue();
    }

    @Test
    void returnFieldsByFieldIdKeysCellsByFieldId() {
        String messagesId = sandbox.airtable().table().column("Messages").orElseThrow().field().id();

        JsonNode fields = json(http.list("maxRecords", "1", "returnFieldsByFieldId", "true")).get("records").get(0).get("fields");

        assertThat(fields.has(messagesId)).isTrue();
        assertThat(fields.has("Messages")).isFalse();
    }

    @Test
    void postListRecordsTakesTheSameParametersAsAJsonBody() {
        String body = "{\"pageSize\":5,\"fields\":[\"Clinic\"],\"sort\":[{\"field\":\"Messages\",\"direction\":\"desc\"}],"
                + "\"filterByFormula\":\"{Engaged}\"}";

        HttpResponse<String> viaPost = http.post(TABLE_PATH + "/listRecords", body);
        HttpResponse<String> viaGet = http.list("pageSize", "5", "fields[]", "Clinic", "sort[0][field]", "Messages",
                "sort[0][direction]", "desc", "filterByFormula", "{Engaged}");

        assertThat(viaPost.statusCode()).isEqualTo(200);
        assertThat(ids(json(viaPost))).isEqualTo(ids(json(viaGet)));
    }

    @Test
    void postListRecordsPagesWithTheOffsetInTheBody() {
        JsonNode first = json(http.post(TABLE_PATH + "/listRecords", "{\"pageSize\":100}"));
        String offset = first.get("offset").asText();

        JsonNode second = json(http.post(TABLE_PATH + "/listRecords", "{\"pageSize\":100,\"offset\":\"" + offset + "\"}"));

        assertThat(second.get("records").get(0).get("id").asText()).isEqualTo(offset.substring(offset.indexOf('/') + 1));
        List<LoggedRequest> log = sandbox.airtable().traffic().requests();
        assertThat(log.get(1).param("offset")).contains(offset);
    }

    @Test
    void postListRecordsRefusesUnknownKeysWrongTypesAndBrokenJson() {
        assertThat(http.post(TABLE_PATH + "/listRecords", "{\"foo\":1}").statusCode()).isEqualTo(422);
        assertThat(http.post(TABLE_PATH + "/listRecords", "{\"pageSize\":\"10\"}").statusCode()).isEqualTo(422);
        assertThat(http.post(TABLE_PATH + "/listRecords", "{\"offset\":null}").statusCode()).isEqualTo(422);
        assertThat(http.post(TABLE_PATH + "/listRecords", "{\"pageSize\":").statusCode()).isEqualTo(400);
    }

    @Test
    void aUrlOf16000CharactersOrMoreIsRefusedWith414() {
        String formula = "OR(" + "{Clinic}='x',".repeat(1_600) + "{Clinic}='y')";

        HttpResponse<String> viaGet = http.list("filterByFormula", formula);
        HttpResponse<String> viaPost = http.post(TABLE_PATH + "/listRecords",
                "{\"filterByFormula\":\"" + formula + "\"}");

        assertThat(viaGet.statusCode()).isEqualTo(414);
        assertThat(viaPost.statusCode()).isEqualTo(200);
        assertThat(json(viaPost).get("records")).isEmpty();
    }

    @Test
    void theFirstRequestFreezesTheOrderButLaterPagesShowCurrentValues() {
        String[] scan = {"pageSize", "100", "sort[0][field]", "Messages", "maxRecords", "3000"};
        List<String> frozenIds = idsOf(records(http.listAll(scan)));
        JsonNode first = json(http.list(scan));

        Set<String> modified = new HashSet<>(sandbox.airtable().modify(5_000).ids());
        List<JsonNode> rest = new ArrayList<>();
        String offset = first.get("offset").asText();
        while (offset != null) {
            JsonNode page = json(http.list("pageSize", "100", "sort[0][field]", "Messages", "maxRecords", "3000", "offset", offset));
            page.get("records").forEach(rest::add);
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        }

        assertThat(idsOf(rest)).containsExactlyElementsOf(frozenIds.subList(100, frozenIds.size()));
        assertThat(rest).filteredOn(record -> modified.contains(record.get("id").asText())).isNotEmpty().allSatisfy(record ->
                assertThat(record.get("fields").get("Last Modified").asText()).isEqualTo("2025-06-01T12:00:00.000Z"));
        assertThat(idsOf(records(http.listAll(scan)))).isNotEqualTo(frozenIds);
    }

    @Test
    void theSamePageMayBeAskedAgainAsARetryWould() {
        String offset = json(http.list("pageSize", "10")).get("offset").asText();

        HttpResponse<String> once = http.list("pageSize", "10", "offset", offset);
        HttpResponse<String> again = http.list("pageSize", "10", "offset", offset);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(once.body());
    }

    @Test
    void anOffsetUsedWithOtherParametersIsRefused() {
        String offset = json(http.list("pageSize", "10", "sort[0][field]", "Messages")).get("offset").asText();

        HttpResponse<String> response = http.list("pageSize", "10", "offset", offset);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(INVALID_REQUEST);
    }

    @Test
    void aGarbageOffsetIsInvalid() {
        HttpResponse<String> response = http.list("offset", "garbage");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"type\":\"INVALID_OFFSET_VALUE\",\"message\":\"The value of offset is invalid\"}}");
    }

    @Test
    void aWellFormedOffsetOfNoKnownScanIsNotAvailable() {
        HttpResponse<String> response = http.list("offset", "itrAAAAAAAAAAAAAA/recAAAAAAAAAAAAAA");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("error").get("type").asText()).isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
    }

    @Test
    void anOffsetIdleForTheIteratorTtlExpires() {
        String offset = json(http.list("pageSize", "10")).get("offset").asText();
        clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> response = http.list("pageSize", "10", "offset", offset);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("error").get("type").asText()).isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
        assertThat(json(response).get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void aScanThatKeepsMovingOutlivesTheTtl() {
        String offset = json(http.list("pageSize", "10")).get("offset").asText();
        for (int page = 0; page < 4; page++) {
            clock.advance(Duration.ofMinutes(4));
            HttpResponse<String> response = http.list("pageSize", "10", "offset", offset);
            assertThat(response.statusCode()).isEqualTo(200);
            offset = json(response).get("offset").asText();
        }
    }

    @Test
    void expiredIteratorsAreForgotten() {
        for (int i = 0; i < 20; i++) {
            http.list("pageSize", "10");
        }
        assertThat(sandbox.airtable().liveIterators()).isEqualTo(20);
        clock.advance(Duration.ofMinutes(6));

        http.list("pageSize", "10");

        assertThat(sandbox.airtable().liveIterators()).isEqualTo(1);
    }

    @Test
    void manyConcurrentScansEachSeeTheirOwnCompleteResult() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            String direction = t % 2 == 0 ? "asc" : "desc";
            Thread thread = new Thread(() -> {
                try {
                    List<JsonNode> records = records(new SandboxHttp(sandbox).listAll(
                            "maxRecords", "3000", "sort[0][field]", "Last Modified", "sort[0][direction]", direction));
                    Set<String> ids = new HashSet<>();
                    records.forEach(r -> ids.add(r.get("id").asText()));
                    sizes.add(ids.size());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(failures).isEmpty();
        assertThat(sizes).hasSize(8).containsOnly(3_000);
    }

    @Test
    void aSingleRecordCanBeFetchedById() {
        JsonNode listed = json(http.list("maxRecords", "1")).get("records").get(0);

        HttpResponse<String> response = http.get(TABLE_PATH + "/" + listed.get("id").asText());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(listed);
        assertThat(http.get(TABLE_PATH + "/recAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
    }

    private static List<String> idsOf(List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asText()).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("records").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
