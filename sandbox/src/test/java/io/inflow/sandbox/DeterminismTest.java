package io.inflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static List<String> session(long seed) {
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withSeed(seed).withAirtableRequestsPerSecond(0);
        try (Sandbox sandbox = Sandbox.start(options)) {
            SandboxHttp http = new SandboxHttp(sandbox);
            List<String> bodies = new ArrayList<>();
            String first = http.list("pageSize", "100", "sort[0][field]", "Last Modified").body();
            bodies.add(first);
            String offset = SandboxHttp.json(first).get("offset").asText();
            bodies.add(http.list("pageSize", "100", "sort[0][field]", "Last Modified", "offset", offset).body());
            bodies.add(http.get("/airtable/v0/meta/bases/appClinicConversations/tables").body());
            bodies.add(http.get(SandboxHttp.ARCHIVE_TABLE_PATH + "?pageSize=100").body());
            return bodies;
        }
    }

    @Test
    void twoSandboxesWithTheSameSeedAnswerByteForByteAlike() {
        assertThat(session(42)).isEqualTo(session(42));
    }

    @Test
    void anotherSeedGivesOtherRecordsButTheSameSchema() {
        List<String> first = session(42);
        List<String> other = session(43);

        assertThat(other.get(0)).isNotEqualTo(first.get(0));
        assertThat(other.get(2)).isEqualTo(first.get(2));
        assertThat(other.get(3)).isNotEqualTo(first.get(3));
    }
}
