package io.inflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.server.store.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node's pool hands every session the waiting threshold, where the trigger that writes {@code run.waiting}
 * reads it, in a form PostgreSQL reads as an interval.
 */
class WaitingThresholdSessionTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @Test
    void everySessionOfThePoolCarriesTheThresholdAsAnInterval() throws Exception {
        DataSource pool = database.endpoint().dataSourceFactory(2, Map.of("inflow.notifications_waiting_threshold",
                        new NotificationsConfiguration().waitingThreshold().toString()))
                .build(new com.codahale.metrics.MetricRegistry(), "threshold-test");

        try (Connection session = pool.getConnection(); Statement statement = session.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('inflow.notifications_waiting_threshold')"
                     + "::interval = interval '5 minutes'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getBoolean(1)).isTrue();
        }
    }
}
