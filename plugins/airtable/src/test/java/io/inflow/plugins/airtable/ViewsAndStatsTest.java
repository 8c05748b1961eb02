package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.record.Record;
import io.inflow.api.stats.StatQuery;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.testkit.TestHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The sandbox's Conversations table (20,077 records: 3,122 bookings, 13,908 leads, 7,910 engaged) imported once,
 * stored in a real PostgreSQL with Inflow's core schema, and looked at through the plugin's own views and stat
 * query. Beside them, the store keeps a conversation deleted upstream (booked, a lead, engaged): the views and the
 * stat leave it out, the {@code _all} views show it with when and by which run it was found deleted.
 */
class ViewsAndStatsTest {

    private static final long CONNECTION = 7;
    private static final long OTHER_PLUGINS_CONNECTION = 8;
    private static final String TABLE = "Conversations";
    private static final String DELETED = "recDeletedUpstrm1";
    private static final long DELETING_RUN = 42;
    private static final OffsetDateTime DELETED_AT = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    private static Sandbox sandbox;
    private static EmbeddedPostgres postgres;
    private static List<Record> imported;

    @BeforeAll
    static void importTheTableIntoPostgres() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0)
                .withAirtableRequestsPerSecond(500).withAirtableRequestsPerSecondPerToken(1_000));
        ConnectorConfig config = ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/airtable",
                "apiToken", "sandbox-token", "baseId", "appClinicConversations", "tables", List.of(TABLE),
                "modifiedField", "Last Modified", "requestsPerSecond", 400));
        AirtableConnector connector = new AirtableConnector();
        TestHost host = new TestHost(connector, config);
        imported = host.read(host.readContext(TABLE, Checkpoint.empty())).records();
        postgres = EmbeddedPostgres.builder().start();
        // the host applies its own changelog first, then each plugin's
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            applyChangelog(connection, "db/changelog/inflow-core.xml");
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            store(connection);
        }
        // twice, as two nodes or two restarts would: the second finds nothing to do
        for (int times = 0; times < 2; times++) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                applyChangelog(connection, connector.changelog().orElseThrow());
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void applyChangelog(Connection connection, String changelog) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Scope.child(Scope.Attr.resourceAccessor.name(),
                new ClassLoaderResourceAccessor(ViewsAndStatsTest.class.getClassLoader()),
                () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        .execute());
    }

    /**
     * Every record read, as the host's sink stores it; a conversation deleted upstream, as a completed full scan
     * leaves it; and another plugin's record in a stream of the same name, which no Airtable view may show.
     */
    private static void store(Connection connection) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO connections (id, plugin_id, name, config) OVERRIDING SYSTEM VALUE VALUES ("
                    + CONNECTION + ", 'airtable', 'clinic', '{}'), (" + OTHER_PLUGINS_CONNECTION
                    + ", 'other', 'other', '{}')");
        }
        StringBuilder csv = new StringBuilder(64 << 20);
        for (Record record : imported) {
            csv.append(CONNECTION).append(',').append(TABLE).append(',').append(record.externalId()).append(',')
                    .append(quoted(record.payload())).append(',')
                    .append(UUID.nameUUIDFromBytes(record.payload().getBytes(StandardCharsets.UTF_8))).append(',')
                    .append(record.sourceUpdatedAt()).append(",1,1\n");
        }
        new CopyManager(connection.unwrap(BaseConnection.class)).copyIn("COPY records (connection_id, stream, "
                + "external_id, payload, content_hash, source_updated_at, inserted_by_run, updated_by_run) "
                + "FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        try (PreparedStatement deleted = connection.prepareStatement("""
                INSERT INTO records (connection_id, stream, external_id, payload, content_hash, source_updated_at,
                                     inserted_by_run, updated_by_run, deleted_at, deleted_by_run)
                SELECT connection_id, stream, ?, jsonb_set(payload, '{id}', to_jsonb(?::text)), content_hash,
                       source_updated_at, 1, 1, ?, ?
                  FROM records
                 WHERE connection_id = ? AND payload -> 'fields' -> 'Booking' IS NOT NULL
                   AND payload -> 'fields' ->> 'Lead Created' = 'Yes' AND (payload -> 'fields' ->> 'Engaged')::boolean
                 ORDER BY external_id
                 LIMIT 1""")) {
            deleted.setString(1, DELETED);
            deleted.setString(2, DELETED);
            deleted.setObject(3, DELETED_AT);
            deleted.setLong(4, DELETING_RUN);
            deleted.setLong(5, CONNECTION);
            assertThat(deleted.executeUpdate()).isOne();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO records (connection_id, stream, external_id, payload, content_hash, "
                    + "inserted_by_run, updated_by_run) VALUES (" + OTHER_PLUGINS_CONNECTION + ", '" + TABLE
                    + "', 'rec1', '{\"fields\":{\"Booking\":\"x\",\"Engaged\":true}}', md5('x')::uuid, 1, 1)");
            statement.execute("ANALYZE records");
        }
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Test
    void theImportReadEveryConversation() {
        assertThat(imported).hasSize(20_077);
    }

    @Test
    void theViewsShowEveryConversationThatExistsUpstreamAndNoOtherPluginsRecords() throws SQLException {
        assertThat(count("SELECT count(*) FROM airtable_records")).isEqualTo(20_077);
        assertThat(count("SELECT count(DISTINCT id) FROM airtable_records WHERE table_name = 'Conversations'"))
                .isEqualTo(20_077);
        assertThat(count("SELECT count(*) FROM airtable_conversations")).isEqualTo(20_077);
        assertThat(count("SELECT count(*) FROM airtable_conversations WHERE booking IS NOT NULL")).isEqualTo(3_122);
        assertThat(count("SELECT count(*) FROM airtable_conversations WHERE lead_created")).isEqualTo(13_908);
        assertThat(count("SELECT count(*) FROM airtable_conversations WHERE engaged")).isEqualTo(7_910);
        assertThat(count("SELECT count(*) FROM airtable_conversations WHERE created IS NULL OR last_modified IS NULL"))
                .isZero();
    }

    @Test
    void aConversationDeletedUpstreamIsInNeitherViewNorTheStat() throws SQLException {
        assertThat(count("SELECT count(*) FROM airtable_records WHERE id = '" + DELETED + "'")).isZero();
        assertThat(count("SELECT count(*) FROM airtable_conversations WHERE id = '" + DELETED + "'")).isZero();
        assertThat(engagement()).containsExactly(row("conversations", 20_077L, "bookings", 3_122L, "leads", 13_908L,
                "engaged", 7_910L, "booking_rate", new BigDecimal("15.55"), "lead_rate", new BigDecimal("69.27"),
                "engaged_rate", new BigDecimal("39.40")));
    }

    @Test
    void theAllViewsShowEveryRecordKeptWithWhenAndByWhichRunItWasFoundDeleted() throws SQLException {
        assertThat(count("SELECT count(*) FROM airtable_records_all")).isEqualTo(20_078);
        assertThat(count("SELECT count(*) FROM airtable_records_all "
                + "WHERE deleted_at IS NULL AND deleted_by_run IS NULL")).isEqualTo(20_077);
        assertThat(count("SELECT count(*) FROM airtable_conversations_all")).isEqualTo(20_078);
        assertThat(count("SELECT count(*) FROM airtable_conversations_all WHERE booking IS NOT NULL")).isEqualTo(3_123);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet deleted = statement.executeQuery("""
                     SELECT c.deleted_at, c.deleted_by_run, c.lead_created, c.engaged,
                            r.deleted_at AS record_deleted_at, r.fields ->> 'Clinic' = c.clinic AS same_clinic
                       FROM airtable_conversations_all c
                       JOIN airtable_records_all r USING (connection_id, table_name, id)
                      WHERE c.deleted_at IS NOT NULL""")) {
            assertThat(deleted.next()).isTrue();
            assertThat(deleted.getObject("deleted_at", OffsetDateTime.class)).isEqualTo(DELETED_AT);
            assertThat(deleted.getObject("record_deleted_at", OffsetDateTime.class)).isEqualTo(DELETED_AT);
            assertThat(deleted.getLong("deleted_by_run")).isEqualTo(DELETING_RUN);
            assertThat(deleted.getBoolean("lead_created")).isTrue();
            assertThat(deleted.getBoolean("engaged")).isTrue();
            assertThat(deleted.getBoolean("same_clinic")).isTrue();
            assertThat(deleted.next()).as("one deleted record").isFalse();
        }
    }

    private static List<Map<String, Object>> engagement() throws SQLException {
        StatQuery query = new AirtableConnector().stats().stream().filter(stat -> stat.name().equals("engagement"))
                .findFirst().orElseThrow();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement(query.sql().replace(":connection", "?"))) {
            connection.setReadOnly(true);
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

    private static long count(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
