package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deletions read from each upstream's own signals, end to end through the real plugin jars: Gmail's history
 * ({@code messagesDeleted}) and Toast's orders marked deleted in incremental imports, Mindbody's clients reconciled
 * by a full import (its incremental reads have no deletion signal). The Mindbody connection imports its clients only
 * (a stream selection): its other streams hold 135,000 records that would only make the three imports slow.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeletionsAcrossConnectorsTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0).withToastRequestsPerSecond(0).withGmailUnitsPerSecond(0)
            .withMindbodyRequestsPerSecond(0));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void gmailIncrementalImportsMarkExactlyTheMessagesItsHistorySaysWereDeleted() {
        long connection = connect("gmail", "mailbox-deletions");
        JsonNode full = IMPORTS.run(connection, "full");
        assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("succeeded");
        long messages = records(connection, "messages");
        List<String> deletedUpstream = SANDBOX_ADMIN.delete("gmail", 9);

        JsonNode incremental = IMPORTS.run(connection, "incremental");

        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        assertThat(incremental.path("streams").path("messages").path("deleted").asLong()).isEqualTo(9);
        assertThat(deletedBy(incremental, connection)).containsExactlyInAnyOrderElementsOf(deletedUpstream);
        assertThat(records(connection, "messages")).isEqualTo(messages - 9);
        assertThat(records(connection, "messages"))
                .isEqualTo(SANDBOX_ADMIN.stats("gmail").path("streams").path("messages").asLong());
        assertThat(SERVER.queryLong("SELECT count(*) FROM gmail_messages WHERE connection_id = " + connection))
                .isEqualTo(messages - 9);
        assertThat(IMPORTS.run(connection, "incremental").path("counts").path("deleted").asLong())
                .as("each deletion is counted once").isZero();
    }

    @Test
    void toastIncrementalImportsMarkExactlyTheOrdersMarkedDeleted() {
        long connection = connect("toast", "restaurant-deletions");
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        long orders = records(connection, "orders");
        List<String> deletedUpstream = SANDBOX_ADMIN.delete("toast", 6);

        JsonNode incremental = IMPORTS.run(connection, "incremental");

        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        assertThat(incremental.path("counts").path("deleted").asLong()).isEqualTo(6);
        assertThat(deletedBy(incremental, connection)).containsExactlyInAnyOrderElementsOf(deletedUpstream);
        assertThat(records(connection, "orders")).isEqualTo(orders - 6)
                .isEqualTo(SANDBOX_ADMIN.stats("toast").path("streams").path("orders").asLong());
        assertThat(SERVER.queryLong("SELECT count(*) FROM toast_orders WHERE connection_id = " + connection))
                .isEqualTo(orders - 6);
    }

    @Test
    void mindbodyClientsDeletedUpstreamAreFoundByTheNextFullImportOnly() {
        long connection = connect("mindbody", "studio-deletions", "clients");
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        long clients = records(connection, "clients");
        List<String> deletedUpstream = SANDBOX_ADMIN.delete("mindbody", 4);

        JsonNode incremental = IMPORTS.run(connection, "incremental");
        JsonNode full = IMPORTS.run(connection, "full");

        assertThat(incremental.path("counts").path("deleted").asLong()).as("no deletion signal in incremental reads")
                .isZero();
        assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("succeeded");
        assertThat(full.path("streams").path("clients").path("deleted").asLong()).isEqualTo(4);
        assertThat(full.path("counts").path("deleted").asLong()).isEqualTo(4);
        assertThat(deletedBy(full, connection)).containsExactlyInAnyOrderElementsOf(deletedUpstream);
        assertThat(records(connection, "clients")).isEqualTo(clients - 4)
                .isEqualTo(SANDBOX_ADMIN.stats("mindbody").path("streams").path("clients").asLong());
        assertThat(SERVER.queryLong("SELECT count(*) FROM mindbody_clients WHERE connection_id = " + connection))
                .isEqualTo(clients - 4);
    }

    private static long connect(String api, String name, String... streams) {
        ObjectNode body = SANDBOX_ADMIN.connections().path(api).deepCopy();
        body.put("name", name);
        for (String stream : streams) {
            body.withArray("streams").add(stream);
        }
        ObjectNode config = (ObjectNode) body.path("config");
        config.put("requestsPerSecond", 1_000);
        config.put("allowOverage", true);
        return IMPORTS.createConnection(body);
    }

    private static long records(long connection, String stream) {
        return IMPORTS.get("/connections/" + connection + "/stats").body().path("records").path(stream).asLong();
    }

    private static List<String> deletedBy(JsonNode run, long connection) {
        return SERVER.queryStrings("SELECT external_id FROM records WHERE deleted_at IS NOT NULL AND deleted_by_run = "
                + run.path("id").asLong() + " AND connection_id = " + connection);
    }
}
