package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A page is read as it streams: each record's payload is its text as the page held it, never printed again. */
class AirtablePageTest {

    @Test
    void eachRecordKeepsItsOwnTextAndTheOffsetIsRead() throws IOException {
        String first = "{ \"id\" : \"rec1\", \"createdTime\":\"2025-01-01T00:00:00.000Z\",\n"
                + "  \"fields\": {\"Name\": \"Ann \\u00e9\", \"n\": 1.50} }";
        String second = "{\"id\":\"rec2\",\"createdTime\":\"2025-01-02T00:00:00.000Z\",\"fields\":{}}";
        String body = "{\"records\": [" + first + " ,\n" + second + "], \"offset\": \"itr/rec2\", \"extra\": {\"x\": [1]}}";

        AirtableApi.Page page = AirtableApi.page(body, "T", Optional.empty());

        assertThat(page.records()).extracting(AirtableApi.RawRecord::text).containsExactly(first, second);
        assertThat(page.records().get(0).tree().path("fields").path("Name").asText()).isEqualTo("Ann é");
        assertThat(page.offset()).contains("itr/rec2");
        assertThat(AirtableApi.page("{\"records\":[],\"offset\":null}", "T", Optional.empty()).offset()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotAPageIsAnIoExceptionTheHostRetries() {
        assertThatThrownBy(() -> AirtableApi.page("{\"offset\":\"x\"}", "T", Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessage("Airtable answered a page without a 'records' array for table T");
        assertThatThrownBy(() -> AirtableApi.page("[]", "T", Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessage("Airtable answered a page that is not a JSON object for table T");
        assertThatThrownBy(() -> AirtableApi.page("{\"records\":[{\"id\":\"rec1\",\"fie", "T", Optional.empty()))
                .isInstanceOf(IOException.class);
    }
}
