package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one test that runs at Airtable's real limit, 5 requests per second per base, with its real 30-second
 * lock-out: a smaller table keeps it to a few seconds, and the connection leaves the connector's default rate.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Execution(ExecutionMode.CONCURRENT) // waits on Airtable's real limit: it runs beside the other classes
class AirtableRateLimitTest {

    private static final int RECORDS = 2_000;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(RECORDS));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aFullImportAtTheDefaultRateNeverMakesAirtableAnswer429() {
        JsonNode body = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "clinic-real-limit");
        assertThat(body.path("config").has("requestsPerSecond")).isFalse();
        long connection = IMPORTS.createConnection(body);

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(RECORDS);
        JsonNode stats = SANDBOX_ADMIN.airtableStats();
        assertThat(stats.path("requests").asLong()).as("the check at creation, then one request per page of 100")
                .isEqualTo(1 + RECORDS / 100);
        assertThat(stats.path("violations").asLong()).isZero();
    }
}
