package io.inflow.examples.notes;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.testkit.ConnectorContractTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class NotesContractTest extends ConnectorContractTest {

    private static FakeNotesApi api;

    @BeforeAll
    static void startApi() throws IOException {
        api = new FakeNotesApi();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Override
    protected Connector connector() {
        return new NotesConnector();
    }

    @Override
    protected ConnectorConfig config() {
        return ConnectorConfig.of(Map.of("baseUrl", api.baseUrl(), "token", FakeNotesApi.TOKEN));
    }

    @Override
    protected ConnectorConfig configWithBadCredentials() {
        return ConnectorConfig.of(Map.of("baseUrl", api.baseUrl(), "token", "wrong"));
    }

    @Override
    protected Map<String, Long> expectedRecords() {
        return Map.of("notes", 120L);
    }

    @Override
    protected String changedStream() {
        return "notes";
    }

    @Override
    protected void changeUpstreamRecords(int count) {
        api.touch(count);
    }

    @Override
    protected long upstreamLimitViolations() {
        return 0; // this fake has no rate limit to break
    }
}
