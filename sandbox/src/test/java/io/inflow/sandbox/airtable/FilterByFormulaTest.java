package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.json;
import static io.inflow.sandbox.SandboxHttp.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilterByFormulaTest {

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;
    private AirtableTable table;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRequestsPerSecond(0));
        http = new SandboxHttp(sandbox);
        table = sandbox.airtable().table();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private long[] sortedLastModified() {
        long[] times = new long[table.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = table.lastModifiedTime(i);
        }
        Arrays.sort(times);
        return times;
    }

    private List<JsonNode> incremental(String watermark) {
        return records(http.listAll(
                "filterByFormula", "IS_AFTER({Last Modified}, '" + watermark + "')",
                "sort[0][field]", "Last Modified", "sort[0][direction]", "asc"));
    }

    @Test
    void isAfterIsStrictToTheMillisecond() {
        long[] times = sortedLastModified();
        long watermark = times[times.length - 150];
        long strictlyLater = Arrays.stream(times).filter(t -> t > watermark).count();

        List<JsonNode> atWatermark = incremental(Timestamps.format(watermark));
        List<JsonNode> oneMilliEarlier = incremental(Timestamps.format(watermark - 1));

        assertThat(atWatermark).hasSize((int) strictlyLater);
        assertThat(oneMilliEarlier.size()).isGreaterThan(atWatermark.size());
        assertThat(atWatermark).allSatisfy(record -> assertThat(
                Timestamps.parse(record.get("fields").get("Last Modified").asText()).orElseThrow()).isGreaterThan(watermark));
    }

    @Test
    void isoFormsWithAndWithoutMillisecondsMeanTheSameInstant() {
        long[] times = sortedLastModified();
        long watermark = times[times.length - 40] / 1000 * 1000;
        String withMillis = Timestamps.format(watermark);
        String withoutMillis = withMillis.replace(".000Z", "Z");

        assertThat(incremental(withoutMillis)).hasSameSizeAs(incremental(withMillis));
    }

    @Test
    void sortingOnLastModifiedIsTotalWithTiesBrokenByRecordId() {
        List<JsonNode> records = records(http.listAll("sort[0][field]", "Last Modified"));

        assertThat(records).hasSize(table.size());
        int ties = 0;
        for (int i = 1; i < records.size(); i++) {
            String previous = records.get(i - 1).get("fields").get("Last Modified").asText();
            String current = records.get(i).get("fields").get("Last Modified").asText();
            assertThat(current).isGreaterThanOrEqualTo(previous);
            if (current.equals(previous)) {
                ties++;
                assertThat(records.get(i).get("id").asText()).isGreaterThan(records.get(i - 1).get("id").asText());
            }
        }
        assertThat(ties).isPositive();
    }

    @Test
    void descendingSortReversesTheOrder() {
        JsonNode newest = json(http.list("maxRecords", "1", "sort[0][field]", "Last Modified", "sort[0][direction]", "desc"))
                .get("records").get(0);

        long[] times = sortedLastModified();
        assertThat(newest.get("fields").get("Last Modified").asText()).isEqualTo(Timestamps.format(times[times.length - 1]));
    }

    @Test
    void modifyingAHundredRecordsMakesExactlyThemNewerThanTheOldWatermark() {
        long[] times = sortedLastModified();
        String watermark = Timestamps.format(times[times.length - 1]);

        List<String> modified = sandbox.airtable().modify(100).ids();
        List<JsonNode> byField = incremental(watermark);
        List<JsonNode> byFunction = records(http.listAll(
                "filterByFormula", "IS_AFTER(LAST_MODIFIED_TIME(), '" + watermark + "')",
                "sort[0][field]", "Last Modified", "sort[0][direction]", "asc"));

        assertThat(byField).extracting(r -> r.get("id").asText()).containsExactlyInAnyOrderElementsOf(modified);
        assertThat(byFunction).extracting(r -> r.get("id").asText()).containsExactlyInAnyOrderElementsOf(modified);
    }

    @Test
    void laterModificationsAreStrictlyLaterEvenWhenTheClockStandsStill() {
        sandbox.airtable().modify(10);
        String afterFirst = Timestamps.format(clock.millis());

        List<String> second = sandbox.airtable().modify(10).ids();

        assertThat(incremental(afterFirst)).extracting(r -> r.get("id").asText()).containsExactlyInAnyOrderElementsOf(second);
        assertThat(incremental(afterFirst).get(0).get("fields").get("Last Modified").asText())
                .isEqualTo("2025-06-01T12:00:00.001Z");
    }

    @Test
    void modificationsChangeAFieldValueAndNotJustTheTime() {
        JsonNode before = json(http.list("pageSize", "100"));

        List<String> modified = sandbox.airtable().modify(table.size()).ids();
        JsonNode after = json(http.list("pageSize", "100"));

        assertThat(modified).hasSize(table.size());
        for (int i = 0; i < 100; i++) {
            assertThat(after.get("records").get(i).get("fields").get("Messages").asInt())
                    .isEqualTo(before.get("records").get(i).get("fields").get("Messages").asInt() + 1);
        }
    }

    @Test
    void aFormulaCanCombineFieldsFunctionsAndComparisons() {
        String formula = "AND({Engaged}, {Lead Created} = 'Yes', NOT({Booking} = BLANK()), {Messages} >= 3)";

        List<JsonNode> records = records(http.listAll("filterByFormula", formula));

        assertThat(records).hasSize(3_122);
    }

    @Test
    void aSyntaxErrorIsRefusedAsAnInvalidFormula() {
        HttpResponse<String> response = http.list("filterByFormula", "IS_AFTER({Last Modified}, '2024-01-01'");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"error\":{\"type\":\"INVALID_FILTER_BY_FORMULA\",\"message\":"
                + "\"The formula for filtering records is invalid: Invalid formula. Please check your formula text.\"}}");
    }

    @Test
    void anUnknownFieldOrFunctionIsRefusedAsAnInvalidFormula() {
        HttpResponse<String> unknownField = http.list("filterByFormula", "IS_AFTER({Modified}, '2024-01-01')");
        HttpResponse<String> unknownFunction = http.list("filterByFormula", "IS_LATER({Last Modified}, '2024-01-01')");

        assertThat(unknownField.statusCode()).isEqualTo(422);
        assertThat(json(unknownField).get("error").get("message").asText())
                .isEqualTo("The formula for filtering records is invalid: Unknown field names: Modified");
        assertThat(unknownFunction.statusCode()).isEqualTo(422);
        assertThat(json(unknownFunction).get("error").get("type").asText()).isEqualTo("INVALID_FILTER_BY_FORMULA");
    }
}
