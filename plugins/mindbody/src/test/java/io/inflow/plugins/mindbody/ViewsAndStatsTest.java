package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.stats.StatQuery;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import io.inflow.sandbox.mindbody.MindbodyOptions;
import io.inflow.sandbox.mindbody.StudioFigures;
import io.inflow.testkit.ReadResult;
import io.inflow.testkit.TestHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The sandbox studio imported once (every client and class description, and the classes, visits and sales of its
 * first months), stored in a real PostgreSQL in Inflow's {@code records} table, and looked at through the
 * plugin's own views and stat queries, as an analyst would.
 */
class ViewsAndStatsTest {

    private static final long CONNECTION = 7;
    private static final LocalDate FROM = StudioFigures.FIRST_CLASS_DAY;
    private static final LocalDate TO = LocalDate.of(2025, 1, 31);
    private static final long OTHER_PLUGINS_CONNECTION = 8;
    /** The external id of each stream's record deleted upstream. */
    private static final Map<String, String> DELETED = Map.of("clients", "900000001", "classes", "900000002",
            "class_schedules", "900000003", "visits", "900000004", "sales", "900000005");
    private static final long DELETING_RUN = 42;
    private static final OffsetDateTime DELETED_AT = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    private static Sandbox sandbox;
    private static EmbeddedPostgres postgres;
    private static TestHost host;
    private static ReadResult imported;
    private static Map<String, Long> expected;

    @BeforeAll
    static void importTheStudioIntoPostgres() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0)
                .withMindbody(MindbodyOptions.defaults().withRequestsPerSecond(0)));
        host = new TestHost(new MindbodyConnector(), MindbodyContractTest.config(sandbox, MindbodyApi.PASSWORD,
                Map.of("startDate", FROM.toString(), "endDate", TO.toString())));
        imported = host.fullImport();
        expected = sandbox.mindbody().streams(FROM, TO);
        postgres = EmbeddedPostgres.builder().start();
        // the host applies its own changelog first, then each plugin's
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            applyChangelog(connection, "db/changelog/inflow-core.xml");
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            addConnections(connection);
            store(connection);
            storeDeletedRecords(connection);
        }
        // twice, as two nodes or two restarts would: the second finds nothing to do
        for (int times = 0; times < 2; times++) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                applyChangelog(connection, new MindbodyConnector().changelog().orElseThrow());
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

    /** This connection, and another plugin's whose stream of the same name must not show in Mindbody's views. */
    private static void addConnections(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO connections (id, plugin_id, name, config) OVERRIDING SYSTEM VALUE VALUES ("
                    + CONNECTION + ", 'mindbody', 'mindbody-sandbox', '{}'), (" + OTHER_PLUGINS_CONNECTION
                    + ", 'other', 'other', '{}')");
            statement.execute("INSERT INTO records (connection_id, stream, external_id, payload, content_hash, "
                    + "inserted_by_run, updated_by_run) VALUES (" + OTHER_PLUGINS_CONNECTION + ", 'clients', '1', "
                    + "'{\"Active\":true}', md5('x')::uuid, 1, 1)");
        }
    }

    private static void applyChangelog(Connection connection, String changelog) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(ViewsAndStatsTest.class.getClassLoader()),
                () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        .execute());
    }

    /**
     * One record of each stream deleted upstream, as a completed full scan leaves it (kept, marked deleted): a copy
     * of a stored one under an id of its own. The client is an active one and the class schedule one of the first
     * month, so that a view or stat that counted them would be off by one.
     */
    private static void storeDeletedRecords(Connection connection) throws SQLException {
        try (PreparedStatement deleted = connection.prepareStatement("""
                INSERT INTO records (connection_id, stream, external_id, payload, content_hash, source_updated_at,
                                     inserted_by_run, updated_by_run, deleted_at, deleted_by_run)
                SELECT connection_id, stream, ?, payload, content_hash, source_updated_at, 1, 1, ?, ?
                  FROM records
                 WHERE connection_id = ? AND stream = ?
                   AND (stream <> 'clients' OR (payload ->> 'Active')::boolean)
                 ORDER BY payload ->> 'StartDateTime', external_id
                 LIMIT 1""")) {
            for (Map.Entry<String, String> stream : DELETED.entrySet()) {
                deleted.setString(1, stream.getValue());
                deleted.setObject(2, DELETED_AT);
                deleted.setLong(3, DELETING_RUN);
                deleted.setLong(4, CONNECTION);
                deleted.setString(5, stream.getKey());
                assertThat(deleted.executeUpdate()).as(stream.getKey()).isOne();
            }
        }
    }

    /** Every stored record, as the host's sink stores it: the payload as jsonb, its hash, its source time. */
    private static void store(Connection connection) throws SQLException, IOException {
        StringBuilder csv = new StringBuilder(160 << 20);
        for (String stream : host.streams()) {
            host.store().stream(stream).forEach((id, payload) -> csv.append(CONNECTION).append(',').append(stream)
                    .append(',').append(id).append(',').append(quoted(payload)).append(',')
                    .append(UUID.nameUUIDFromBytes(payload.getBytes(StandardCharsets.UTF_8))).append(',')
                    .append(sourceUpdatedAt(payload)).append(",1,1\n"));
        }
        new CopyManager(connection.unwrap(BaseConnection.class)).copyIn("COPY records (connection_id, stream, "
                + "external_id, payload, content_hash, source_updated_at, inserted_by_run, updated_by_run) "
                + "FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE records");
        }
    }

    /** What the connector gives as a record's source time: its modification stamp, read as UTC without an offset. */
    private static String sourceUpdatedAt(String payload) {
        Matcher stamp = MODIFIED.matcher(payload);
        return stamp.find() ? RecordMapper.instant(TextNode.valueOf(stamp.group(1))).toString() : "";
    }

    private static final Pattern MODIFIED = Pattern.compile("\"(?:LastModifiedDateTime|LastUpdated)\":\"([^\"]+)\"");

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Test
    void theImportHoldsExactlyTheStudiosRecords() {
        assertThat(imported.failed()).isZero();
        assertThat(imported.inserted()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        expected.forEach((stream, count) -> assertThat(host.store().count(stream)).as(stream).isEqualTo(count));
        assertThat(expected.get("clients")).isEqualTo(6_539);
        assertThat(expected.get("class_schedules")).isGreaterThan(10_000);
    }

    @Test
    void theClientsStatCountsActiveAndInactiveClients() throws SQLException {
        assertThat(stat("clients")).containsExactly(row("total", 6_539L, "active", 536L, "inactive", 6_003L));
    }

    @Test
    void schedulesPerMonthFollowTheStudiosCalendar() throws SQLException {
        List<Map<String, Object>> calendar = new ArrayList<>();
        sandbox.mindbody().classesPerMonth().forEach((month, count) -> {
            if (month.compareTo(TO.toString().substring(0, 7)) <= 0) {
                calendar.add(row("month", month, "schedules", count));
            }
        });

        List<Map<String, Object>> months = stat("schedules_per_month");

        assertThat(months).hasSize(4).containsExactlyElementsOf(calendar);
        assertThat(months.get(0).get("month")).isEqualTo("2024-10");
        assertThat(months.stream().mapToLong(month -> (Long) month.get("schedules")).sum())
                .isEqualTo(expected.get("class_schedules"));
    }

    @Test
    void everyViewShowsOneRowPerRecordOfItsStreamAndNoOtherPluginsRecords() throws SQLException {
        assertThat(count("SELECT count(*) FROM mindbody_clients")).isEqualTo(6_539);
        assertThat(count("SELECT count(*) FROM mindbody_clients WHERE active")).isEqualTo(536);
        assertThat(count("SELECT count(*) FROM mindbody_clients WHERE status = 'Active'")).isEqualTo(536);
        assertThat(count("SELECT count(*) FROM mindbody_classes")).isEqualTo(84);
        assertThat(count("SELECT count(*) FROM mindbody_class_schedules")).isEqualTo(expected.get("class_schedules"));
        assertThat(count("SELECT count(*) FROM mindbody_visits")).isEqualTo(expected.get("visits"));
        assertThat(count("SELECT count(*) FROM mindbody_sales")).isEqualTo(expected.get("sales"));
    }

    @Test
    void theViewsAreTypedAndComplete() throws SQLException {
        assertThat(count("""
                SELECT count(*) FROM mindbody_clients
                 WHERE client_id IS NULL OR last_name IS NULL OR active IS NULL OR created_at IS NULL
                    OR last_modified IS NULL OR birth_date IS NULL OR account_balance IS NULL""")).isZero();
        assertThat(count("SELECT count(*) FROM mindbody_classes WHERE name IS NULL OR program IS NULL OR last_updated IS NULL"))
                .isZero();
        assertThat(count("""
                SELECT count(*) FROM mindbody_class_schedules
                 WHERE start_date_time IS NULL OR end_date_time <= start_date_time OR class_name IS NULL
                    OR location IS NULL OR staff_name IS NULL OR total_booked > max_capacity""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM mindbody_class_schedules
                 WHERE start_date_time < '2024-10-13' OR start_date_time >= '2025-02-01'""")).isZero();
        assertThat(count("SELECT count(*) FROM mindbody_sales WHERE sale_date_time IS NULL OR total_amount IS NULL"))
                .isZero();
    }

    @Test
    void visitsJoinTheirClassesAndClients() throws SQLException {
        assertThat(count("""
                SELECT count(*) FROM mindbody_visits v
                 WHERE NOT EXISTS (SELECT 1 FROM mindbody_class_schedules s
                                    WHERE s.connection_id = v.connection_id AND s.id = v.class_id
                                      AND s.start_date_time = v.start_date_time)""")).isZero();
        assertThat(count("""
                SELECT count(*) FROM mindbody_visits v
                 WHERE NOT EXISTS (SELECT 1 FROM mindbody_clients c
                                    WHERE c.connection_id = v.connection_id AND c.id = v.client_unique_id)""")).isZero();
        assertThat(count("""
                SELECT count(*)
                  FROM mindbody_class_schedules s
                  LEFT JOIN (SELECT connection_id, class_id, count(*) FILTER (WHERE NOT late_cancelled) AS booked
                               FROM mindbody_visits GROUP BY connection_id, class_id) v
                         ON v.connection_id = s.connection_id AND v.class_id = s.id
                 WHERE s.total_booked <> COALESCE(v.booked, 0)""")).isZero();
    }

    @Test
    void everySalesTotalIsPaidInFull() throws SQLException {
        assertThat(count("SELECT count(*) FROM mindbody_sales WHERE total_amount <> payments_amount")).isZero();
        assertThat(count("SELECT count(*) FROM mindbody_sales WHERE items < 1")).isZero();
    }

    @Test
    void recordsDeletedUpstreamAreInNoViewButInEachAllViewWithWhenAndByWhichRun() throws SQLException {
        Map<String, String> views = Map.of("clients", "mindbody_clients", "classes", "mindbody_classes",
                "class_schedules", "mindbody_class_schedules", "visits", "mindbody_visits", "sales", "mindbody_sales");
        Map<String, Long> existing = Map.of("clients", 6_539L, "classes", 84L,
                "class_schedules", expected.get("class_schedules"), "visits", expected.get("visits"),
                "sales", expected.get("sales"));
        for (Map.Entry<String, String> view : views.entrySet()) {
            String id = DELETED.get(view.getKey());
            String all = view.getValue() + "_all";
            assertThat(count("SELECT count(*) FROM " + view.getValue() + " WHERE id = " + id)).as(view.getValue())
                    .isZero();
            assertThat(count("SELECT count(*) FROM " + all)).as(all).isEqualTo(existing.get(view.getKey()) + 1);
            assertThat(count("SELECT count(*) FROM " + all + " WHERE deleted_at IS NULL AND deleted_by_run IS NULL"))
                    .as(all).isEqualTo(existing.get(view.getKey()));
            assertThat(count("SELECT count(*) FROM " + all + " WHERE id = " + id + " AND deleted_at = '" + DELETED_AT
                    + "' AND deleted_by_run = " + DELETING_RUN)).as(all).isOne();
        }
        assertThat(count("SELECT count(*) FROM mindbody_clients_all WHERE active AND status = 'Active'"))
                .isEqualTo(537);
        assertThat(count("SELECT count(*) FROM mindbody_class_schedules_all WHERE start_date_time < '2024-11-01'"))
                .isEqualTo(count("SELECT count(*) FROM mindbody_class_schedules WHERE start_date_time < '2024-11-01'")
                        + 1);
    }

    /** Mindbody lists inactive clients too (includeInactive): they are records with their status, never deleted. */
    @Test
    void inactiveClientsAreRecordsWithTheirStatusNotDeletedOnes() throws SQLException {
        assertThat(count("SELECT count(*) FROM mindbody_clients WHERE NOT active")).isEqualTo(6_003);
        assertThat(count("SELECT count(DISTINCT status) FROM mindbody_clients WHERE NOT active")).isGreaterThan(1);
        assertThat(count("SELECT count(*) FROM mindbody_clients_all WHERE deleted_at IS NOT NULL")).isOne();
    }

    private static List<Map<String, Object>> stat(String name) throws SQLException {
        StatQuery query = new MindbodyConnector().stats().stream().filter(stat -> stat.name().equals(name)).findFirst()
                .orElseThrow();
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
             Statement statement = connection.createStatement()) {
            // joins on jsonb expressions have no statistics: without this the planner loops over one side per row
            statement.execute("SET enable_nestloop = off");
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
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
