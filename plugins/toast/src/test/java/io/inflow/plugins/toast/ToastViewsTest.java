package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.stats.StatQuery;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.toast.Restaurant;
import io.inflow.sandbox.toast.ToastFigures;
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
 * sandbox's orders, and its stats checked against the sandbox's exact figures. A second connection's records are
 * there too, to show every figure keeps to its own connection.
 */
class ToastViewsTest {

    private static final long CONNECTION = 7;
    private static final long OTHER_CONNECTION = 8;

    private static EmbeddedPostgres postgres;
    private static ToastFigures figures;
    private static int checks;
    private static int payments;

    @BeforeAll
    static void importIntoPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1))) {
            sandbox.toast().limitTo(500, 1_000, 1_000_000);
            ConnectorConfig config = ConnectorConfig.of(Map.of("baseUrl", sandbox.baseUrl() + "/toast",
                    "clientId", Restaurant.CLIENT_ID, "clientSecret", SandboxOptions.DEFAULT_TOKEN,
                    "restaurantGuid", Restaurant.GUID, "startDate", "2025-03-01", "requestsPerSecond", 400));
            TestHost host = new TestHost(new ToastConnector(), config);
            host.fullImport();
            figures = sandbox.toast().figures();
            try (Connection connection = connect()) {
                createRecordsTable(connection);
                insert(connection, CONNECTION, host.store().stream("orders"));
                insert(connection, OTHER_CONNECTION, Map.of("other", host.store().stream("orders").values().iterator().next()));
            }
        }
        applyChangelog();
        try (Connection connection = connect()) {
            checks = intValue(connection, "SELECT sum(jsonb_array_length(payload->'checks')) FROM records WHERE connection_id = " + CONNECTION);
            payments = intValue(connection, "SELECT count(*) FROM records, jsonb_array_elements(payload->'checks') c, "
                    + "jsonb_array_elements(c->'payments') p WHERE connection_id = " + CONNECTION);
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
        assertThat(figures.sales()).isEqualTo(Restaurant.ORDERS - figures.voided());
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
                    .isEqualTo(Restaurant.ORDERS);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_checks WHERE connection_id = " + CONNECTION))
                    .isEqualTo(checks).isGreaterThan(Restaurant.ORDERS);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_payments WHERE connection_id = " + CONNECTION))
                    .isEqualTo(payments);
            assertThat(intValue(connection, "SELECT count(*) FROM toast_orders WHERE voided")).isEqualTo(figures.voided());
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
        String changelog = new ToastConnector().changelog().orElseThrow();
        try (Connection connection = connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(ToastConnector.class.getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .execute());
        }
    }

    /** The columns of Inflow's core changeset 0004 that the views read. */
    private static void createRecordsTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE records (
                        connection_id      bigint      NOT NULL,
                        stream             text        NOT NULL,
                        external_id        text        NOT NULL,
                        payload            jsonb       NOT NULL,
                        content_hash       uuid        NOT NULL,
                        source_updated_at  timestamptz,
                        inserted_by_run    bigint      NOT NULL,
                        updated_by_run     bigint      NOT NULL,
                        inserted_at        timestamptz NOT NULL DEFAULT now(),
                        updated_at         timestamptz NOT NULL DEFAULT now(),
                        PRIMARY KEY (connection_id, stream, external_id)
                    )""");
        }
    }

    private static void insert(Connection connection, long connectionId, Map<String, String> orders) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO records (connection_id, stream, "
                + "external_id, payload, content_hash, inserted_by_run, updated_by_run) "
                + "VALUES (?, 'orders', ?, ?::jsonb, md5(?)::uuid, 1, 1)")) {
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
