package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestHost;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Toast's machine-client login: one token reused, renewed before it expires, and replaced when refused. */
class AuthenticationTest {

    /** The last week of orders, and those of earlier dates modified since. */
    private static final String START = "2025-03-24";

    private final ToastSandbox toast = ToastSandbox.at("2025-05-01T00:00:00Z");

    @AfterEach
    void stop() {
        toast.close();
    }

    @Test
    void oneLoginServesTheCheckAndEveryRead() throws Exception {
        ConnectorConfig config = toast.config(START);
        TestHost host = toast.host(config);

        host.check();
        host.fullImport();
        host.incrementalImport();

        assertThat(toast.toast().loginCount()).isEqualTo(1);
        assertThat(toast.answered(401)).isZero();
    }

    @Test
    void theTokenIsRenewedBeforeItExpiresDuringALongImport() throws Exception {
        toast.toast().tokenLifetime(Duration.ofMinutes(30));
        ConnectorConfig config = toast.config(START);
        RecordingReadContext context = toast.context(config, Checkpoint.empty())
                .afterEachCommit(commits -> toast.clock.advance(Duration.ofMinutes(10)));

        toast.connector.read("orders", Checkpoint.empty(), context);

        long pages = context.commits().size();
        assertThat(pages).as("pages read, ten minutes apart").isGreaterThanOrEqualTo(12);
        assertThat(toast.toast().loginCount()).as("logins for %d pages, a token lasting three pages", pages)
                .isBetween(pages / 3, pages / 3 + 1);
        assertThat(toast.answered(401)).as("requests refused for an expired token").isZero();
        assertThat(context.stored()).hasSize(ordersSince(config));
    }

    @Test
    void aTokenToastNoLongerAcceptsIsReplacedAndTheReadGoesOn() throws Exception {
        ConnectorConfig config = toast.config(START);
        RecordingReadContext context = toast.context(config, Checkpoint.empty())
                .afterCommit(3, () -> toast.toast().expireTokens());

        toast.connector.read("orders", Checkpoint.empty(), context);

        assertThat(toast.answered(401)).isEqualTo(1);
        assertThat(toast.toast().loginCount()).isEqualTo(2);
        assertThat(context.stored()).hasSize(ordersSince(config));
        assertThat(context.rejected()).isEmpty();
    }

    @Test
    void wrongCredentialsFailAtTheLoginWithAMessageThatNamesTheKeysButNotTheSecret() {
        TestHost host = toast.host(toast.config(Map.of("clientSecret", "s3cr3t-value")));

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("clientId and clientSecret")
                .hasMessageContaining("Manage credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
        assertThat(toast.toast().requests()).hasSize(1);
    }

    @Test
    void aRestaurantTheClientMayNotReadIsExplained() {
        TestHost host = toast.host(toast.config(Map.of("restaurantGuid", "00000000-0000-4000-8000-000000000001")));

        assertThatThrownBy(host::fullImport).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("restaurantGuid")
                .hasMessageContaining("orders:read")
                .hasMessageContaining("HTTP 403");
    }

    @Test
    void aStartDateThatIsNotADateIsExplainedBeforeAnyCall() {
        TestHost host = toast.host(toast.config("March 1st"));

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class).hasMessageContaining("startDate");
        assertThat(toast.toast().requests()).isEmpty();
    }

    private int ordersSince(ConnectorConfig config) {
        Instant start = ToastTimes.earliestInstantOf(LocalDate.parse(config.requireString("startDate")));
        return toast.toast().ordersModifiedBetween(start, toast.clock.instant());
    }
}
