package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.stats.StatQuery;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.gmail.MailboxFigures;
import io.inflow.testkit.TestHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's changelog applied to a real PostgreSQL the way the host applies it, over a full import of the
 * sandbox's mailbox after which some messages were deleted in Gmail and an incremental read reported them: they are
 * marked deleted as the host marks them. The views leave them out, their {@code _all} twins keep them, and the stats
 * are the sandbox's exact figures of the messages that remain. A second connection, with one label deleted, shows
 * every figure keeps to its own connection.
 */
class GmailViewsTest {

    private static final long CONNECTION = 7;
    private static final long OTHER_CONNECTION = 8;
    private static final long IMPORT_RUN = 1;
    private static final long INCREMENTAL_RUN = 2;
    private static final int MESSAGES = 200;

    private static EmbeddedPostgres postgres;
    private static MailboxFigures figures;
    private static List<String> deleted;

    @BeforeAll
    static void importIntoPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Sandbox sandbox = Sandbox.start(GmailSandbox.options().withGmailMessages(MESSAGES).withGmailUnitsPerSecond(0))) {
            ConnectorConfig config = GmailSandbox.config(sandbox, SandboxOptions.DEFAULT_TOKEN, Map.of("requestsPerSecond", 5_000));
            TestHost host = new TestHost(new GmailConnector(), config);
            host.fullImport();
            // the records as the full import stored them: the server keeps those deleted since, marked below
            Map<String, String> messages = host.store().stream("messages");
            Map<String, String> labels = host.store().stream("labels");
            deleted = sandbox.gmail().delete(9).ids();
            List<String> reported = host.read(host.readContext("messages", host.checkpoint("messages"))).deleted();
            assertThat(reported).containsExactlyInAnyOrderElementsOf(deleted);
            figures = sandbox.gmail().figures();
            try (Connection connection = connect()) {
                createCoreSchema(connection);
                insert(connection, CONNECTION, "messages", messages);
                insert(connection, CONNECTION, "labels", labels);
                markDeleted(connection, CONNECTION, "messages", reported);
                Map.Entry<String, String> one = messages.entrySet().iterator().next();
                insert(connection, OTHER_CONNECTION, "messages", Map.of(one.getKey(), one.getValue()));
                insert(connection, OTHER_CONNECTION, "labels", labels);
                markDeleted(connection, OTHER_CONNECTION, "labels", List.of("Label_1"));
            }
        }
        applyChangelog();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void theMessagesViewLeavesTheDeletedMessagesOutAndItsTwinKeepsThemWithWhenAndByWhichRun() throws Exception {
        try (Connection connection = connect()) {
            assertThat(intValue(connection, "SELECT count(*) FROM gmail_messages WHERE connection_id = " + CONNECTION))
                    .isEqualTo(MESSAGES - 9).isEqualTo((int) figures.messages());
            assertThat(strings(connection, "SELECT id FROM gmail_messages WHERE connection_id = " + CONNECTION))
                    .doesNotContainAnyElementsOf(deleted);
            assertThat(intValue(connection, "SELECT count(*) FROM gmail_messages_all WHERE connection_id = " + CONNECTION))
                    .isEqualTo(MESSAGES);
            assertThat(strings(connection, "SELECT id FROM gmail_messages_all WHERE connection_id = " + CONNECTION
                    + " AND deleted_at IS NOT NULL AND deleted_by_run = " + INCREMENTAL_RUN))
                    .containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(intValue(connection, "SELECT count(*) FROM gmail_messages_all WHERE deleted_at IS NULL "
                    + "AND deleted_by_run IS NULL AND connection_id = " + CONNECTION)).isEqualTo(MESSAGES - 9);
            assertThat(intValue(connection, "SELECT count(*) FROM gmail_messages m JOIN gmail_messages_all a "
                    + "ON a.connection_id = m.connection_id AND a.id = m.id WHERE m.subject IS DISTINCT FROM a.subject "
                    + "OR m.label_ids IS DISTINCT FROM a.label_ids OR m.date IS DISTINCT FROM a.date")).isZero();
        }
    }

    @Test
    void theLabelsViewLeavesADeletedLabelOutAndItsTwinKeepsIt() throws Exception {
        try (Connection connection = connect()) {
            assertThat(intValue(connection, "SELECT count(*) FROM gmail_labels WHERE connection_id = " + CONNECTION))
                    .isEqualTo(22);
            assertThat(strings(connection, "SELECT id FROM gmail_labels WHERE connection_id = " + OTHER_CONNECTION))
                    .hasSize(21).doesNotContain("Label_1");
            assertThat(strings(connection, "SELECT name FROM gmail_labels_all WHERE connection_id = " + OTHER_CONNECTION
                    + " AND deleted_at IS NOT NULL")).containsExactly("Clients");
        }
    }

    @Test
    void mailboxTotalsAreTheSandboxsFiguresOfTheMessagesThatRemain() throws Exception {
        List<Map<String, Object>> rows = stat("mailbox_totals");

        assertThat(rows).containsExactly(Map.of("messages", figures.messages(), "threads", figures.threads(),
                "unread", figures.unread(), "starred", figures.starred()));
    }

    @Test
    void messagesPerLabelAndTopSenderDomainsCountOnlyTheMessagesThatRemain() throws Exception {
        Map<String, Long> perLabel = new LinkedHashMap<>();
        stat("messages_per_label").forEach(row -> perLabel.put((String) row.get("label"), (Long) row.get("messages")));
        Map<String, Long> domains = new LinkedHashMap<>();
        stat("top_sender_domains").forEach(row -> domains.put((String) row.get("domain"), (Long) row.get("messages")));

        assertThat(perLabel).isEqualTo(figures.labels());
        assertThat(domains).containsExactlyEntriesOf(figures.senderDomains().entrySet().stream().limit(10)
                .collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()), Map::putAll));
    }

    @Test
    void theChangelogAppliesAgainWithoutError() throws Exception {
        applyChangelog();

        assertThat(stat("mailbox_totals")).hasSize(1);
    }

    private static List<Map<String, Object>> stat(String name) throws SQLException {
        StatQuery query = new GmailConnector().stats().stream().filter(stat -> stat.name().equals(name)).findFirst()
                .orElseThrow();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(query.sql().replace(":connection", "?"))) {
            statement.setLong(1, CONNECTION);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** As the host does, from the plugin's class loader, so the changelog is found as a resource of the jar. */
    private static void applyChangelog() throws Exception {
        applyChangelog(new GmailConnector().changelog().orElseThrow());
    }

    private static void applyChangelog(String changelog) throws Exception {
        try (Connection connection = connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(GmailConnector.class.getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .execute());
        }
    }

    /**
     * Inflow's core schema, applied as the host applies it before a plugin's changelog (the views read
     * {@code records} and {@code connections}), with this test's two connections of the plugin.
     */
    private static void createCoreSchema(Connection connection) throws Exception {
        applyChangelog("db/changelog/inflow-core.xml");
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO connections (id, plugin_id, name, config) OVERRIDING SYSTEM VALUE VALUES ("
                    + CONNECTION + ", 'gmail', 'gmail-a', '{}'), (" + OTHER_CONNECTION + ", 'gmail', 'gmail-b', '{}')");
        }
    }

    private static void insert(Connection connection, long connectionId, String stream, Map<String, String> records)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO records (connection_id, stream, "
                + "external_id, payload, content_hash, inserted_by_run, updated_by_run) "
                + "VALUES (?, ?, ?, ?::jsonb, md5(?)::uuid, " + IMPORT_RUN + ", " + IMPORT_RUN + ")")) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                insert.setLong(1, connectionId);
                insert.setString(2, stream);
                insert.setString(3, record.getKey());
                insert.setString(4, record.getValue());
                insert.setString(5, record.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What the host does with a batch's deletions on a connection that keeps deleted records. */
    private static void markDeleted(Connection connection, long connectionId, String stream, List<String> ids)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE records SET deleted_at = now(), "
                + "deleted_by_run = " + INCREMENTAL_RUN + " WHERE connection_id = ? AND stream = ? "
                + "AND external_id = ANY(?) AND deleted_at IS NULL")) {
            update.setLong(1, connectionId);
            update.setString(2, stream);
            update.setArray(3, connection.createArrayOf("text", ids.toArray()));
            assertThat(update.executeUpdate()).isEqualTo(ids.size());
        }
    }

    private static int intValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }
}
