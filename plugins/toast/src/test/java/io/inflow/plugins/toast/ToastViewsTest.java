package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.stats.StatQuery;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.sandbox.toast.ToastFigures;
import io.inflow.testkit.RecordingReadContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * sandbox's orders after which some were deleted in Toast and an incremental read reported them: they are marked
 * deleted as the host marks them. The views leave them out, their {@code _all} twins keep them, and the stats are
 * the sandbox's exact figures of the orders that remain. A second connection's records are there too, to show
 * every figure keeps to its own connection.
 */
class ToastViewsTest {

    private static final long CONNECTION = 7;
    private static final long OTHER_CONNECTION = 8;
    private static final long IMPORT_RUN = 1;
    private static final long INCREMENTAL_RUN = 2;
    private static final int DELETED = 12;

    private static EmbeddedPostgres postgres;
    private static ToastFigures figures;
    private static int checks;
    private static int payments;
    private static int allChecks;
    private static List<String> deleted;

    @BeforeAll
    static void importIntoPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (ToastSandbox toast = ToastSandbox.at("2025-05-01T00:00:00Z")) {
            ConnectorConfig config = toast.config("2025-03-01");
            RecordingReadContext full = toast.read(config, Checkpoint.empty());
            toast.clock.advance(Duration.ofHours(1));
            deleted = toast.delete(DELETED);
            toast.clock.advance(Duration.ofMinutes(1));
            RecordingReadContext incremental = toast.read(config, full.lastCheckpoint());
            assertThat(incremental.deleted()).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(incremental.records()).isEmpty();
            figures = toast.toast().figures();
            Map<String, String> stored = new LinkedHashMap<>();
            full.stored().forEach((guid, record) -> stored.put(guid, record.payload()));
            try (Connection connection = connect()) {
                createCoreSchema(connection);
                insert(connection, CONNECTION, stored);
                markDeleted(connection, CONNECTION, incremental.deleted());
                insert(connection, OTHER_CONNECTION, Map.of("other", stored.values().iterator().next()));
            }
        }
        applyChangelog();
        try (Connection connection = connect()) {
            String live = " AND deleted_at IS NULL";
            checks = intValue(connection, "SELECT sum(jsonb_array_length(payload->'checks')) FROM records WHERE connection_id = "
                    + CONNECTION + live);
            allChecks = intValue(connection, "SELECT sum(jsonb_array_length(payload->'checks')) FROM records WHERE connection_id = "
                    + CONNECTION);
            payments = intValue(connection, "SELECT count(*) FROM records, jsonb_array_elements(payload->'checks') c, "
                    + "jsonb_array_elements(c->'payments') p WHERE connection_id = " + CONNECTION + live);
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void totalsAreTheSandboxsExactFigures() throws Exception {
        List<Map<String, Object>> rows = stat("totals");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("orders", (long) figures.sales())
                .containsEntry("revenue", figures.revenue())
                .containsEntry("average_ticket", figures.averageTicket());
        assertThat(figures.orders()).isEqualTo(Restaurant.ORDERS - DELETED);
        assertThat(figures.sales()).isEqualTo(figures.orders() - figures.voided());
    }

    @Test
    void dailySalesHaveOneRowPerBusinessDateWithTheSandboxsFigures() throws Exception {
        List<Map<String, Object>> rows = stat("daily_sales");

        assertThat(rows).hasSize(Restaurant.DAYS);
        for (int i = 0; i < rows.size(); i++) {
            ToastFigures.Day day = figures.days().get(i);
            assertThat(rows.get(i)).containsEntry("business_date", java.sql.Date.valueOf(day.businessDate()))
                    .containsEntry("orders", (long) day.orders())
                    .containsEntry("revenue", day.revenue())
                    .containsEntry("average_ticket", day.averageTicket());
        }
    }

    @Test
    void theViewsHaveARowPerOrderCheckAndPaymentOfTheirConnection() throws Exception {
        try (Connection connection = connect()) {
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders WHERE connection_id = " + CONNECTION))
                    .isEqualTo(Restaurant.ORDERS - DELETED);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_checks WHERE connection_id = " + CONNECTION))
                    .isEqualTo(checks).isGreaterThan(Restaurant.ORDERS - DELETED);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_payments WHERE connection_id = " + CONNECTION))
                    .isEqualTo(payments);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders WHERE voided AND connection_id = " + CONNECTION))
                    .isEqualTo(figures.voided());
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders WHERE business_date IS NULL "
                    + "OR opened_at IS NULL OR closed_at IS NULL OR modified_at IS NULL")).isZero();
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders WHERE voided AND amount <> 0"))
                    .as("a voided order's checks are voided: no sales").isZero();
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders o WHERE NOT o.voided AND o.amount <> "
                    + "(SELECT sum(c.amount) FROM toast_checks c WHERE c.order_id = o.id AND c.connection_id = o.connection_id)"))
                    .isZero();
        }
    }

    @Test
    void theViewsLeaveTheDeletedOrdersOutAndTheirTwinsKeepThemWithWhenAndByWhichRun() throws Exception {
        try (Connection connection = connect()) {
            assertThat(strings(connection, "SELECT id FROM toast_orders WHERE connection_id = " + CONNECTION))
                    .hasSize(Restaurant.ORDERS - DELETED).doesNotContainAnyElementsOf(deleted);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders_all WHERE connection_id = " + CONNECTION))
                    .isEqualTo(Restaurant.ORDERS);
            assertThat(strings(connection, "SELECT id FROM toast_orders_all WHERE connection_id = " + CONNECTION
                    + " AND deleted_at IS NOT NULL AND deleted_by_run = " + INCREMENTAL_RUN))
                    .containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_checks_all WHERE connection_id = " + CONNECTION))
                    .isEqualTo(allChecks).isGreaterThan(checks);
            assertThat(strings(connection, "SELECT DISTINCT order_id FROM toast_checks_all WHERE connection_id = "
                    + CONNECTION + " AND deleted_at IS NOT NULL")).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(strings(connection, "SELECT DISTINCT order_id FROM toast_payments_all WHERE connection_id = "
                    + CONNECTION + " AND deleted_at IS NOT NULL")).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(strings(connection, "SELECT DISTINCT order_id FROM toast_checks WHERE connection_id = " + CONNECTION))
                    .doesNotContainAnyElementsOf(deleted);
            assertThat(strings(connection, "SELECT DISTINCT order_id FROM toast_payments WHERE connection_id = " + CONNECTION))
                    .doesNotContainAnyElementsOf(deleted);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders o JOIN toast_orders_all a "
                    + "ON a.connection_id = o.connection_id AND a.id = o.id WHERE a.deleted_at IS NOT NULL "
                    + "OR o.amount <> a.amount OR o.business_date <> a.business_date")).isZero();
        }
    }

    @Test
    void theChangelogAppliesAgainWithoutError() throws Exception {
        applyChangelog();

        assertThat(stat("totals")).hasSize(1);
    }

    private static List<Map<String, Object>> stat(String name) throws SQLException {
        StatQuery query = new ToastConnector().stats().stream().filter(stat -> stat.name().equals(name)).findFirst()
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
        applyChangelog(new ToastConnector().changelog().orElseThrow());
    }

    private static void applyChangelog(String changelog) throws Exception {
        try (Connection connection = connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(ToastConnector.class.getClassLoader()),
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
                    + CONNECTION + ", 'toast', 'toast-a', '{}'), (" + OTHER_CONNECTION + ", 'toast', 'toast-b', '{}')");
        }
    }

    private static void insert(Connection connection, long connectionId, Map<String, String> orders) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO records (connection_id, stream, "
                + "external_id, payload, content_hash, inserted_by_run, updated_by_run) "
                + "VALUES (?, 'orders', ?, ?::jsonb, md5(?)::uuid, " + IMPORT_RUN + ", " + IMPORT_RUN + ")")) {
            for (Map.Entry<String, String> order : orders.entrySet()) {
                insert.setLong(1, connectionId);
                insert.setString(2, order.getKey());
                insert.setString(3, order.getValue());
                insert.setString(4, order.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What the host does with a batch's deletions on a connection that keeps deleted records. */
    private static void markDeleted(Connection connection, long connectionId, List<String> guids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE records SET deleted_at = now(), "
                + "deleted_by_run = " + INCREMENTAL_RUN + " WHERE connection_id = ? AND stream = 'orders' "
                + "AND external_id = ANY(?) AND deleted_at IS NULL")) {
            update.setLong(1, connectionId);
            update.setArray(2, connection.createArrayOf("text", guids.toArray()));
            assertThat(update.executeUpdate()).isEqualTo(guids.size());
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

    private static int intValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }
}
