package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every Inflow connector passes, against a fake of its upstream (Inflow's sandbox, or your own).
 * Extend it in your plugin's tests and answer the abstract methods; each test gets a fresh {@link TestHost}.
 *
 * <ul>
 *   <li>a full import stores exactly the upstream's records, stream by stream;</li>
 *   <li>a second full import changes nothing;</li>
 *   <li>records changed upstream are picked up by an incremental import without a full scan;</li>
 *   <li>bad credentials fail fast, with a message a person can act on, and without a storm of retries;</li>
 *   <li>the upstream's limits are never exceeded.</li>
 * </ul>
 */
public abstract class ConnectorContractTest {

    /** The connector under test, as its plugin creates it. */
    protected abstract Connector connector();

    /** A configuration that reaches the fake upstream with valid credentials. */
    protected abstract ConnectorConfig config();

    /** The same with credentials the upstream refuses. */
    protected abstract ConnectorConfig configWithBadCredentials();

    /** The number of records in each stream of the fake upstream, exactly. */
    protected abstract Map<String, Long> expectedRecords();

    /** The stream whose records {@link #changeUpstreamRecords} changes. */
    protected abstract String changedStream();

    /** Changes {@code count} existing records of {@link #changedStream()} upstream, as a person would. */
    protected abstract void changeUpstreamRecords(int count);

    /** Requests the fake upstream refused because they broke its limits, so far. */
    protected abstract long upstreamLimitViolations();

    /** The largest number of requests a check or read with bad credentials may make. */
    protected int maxRequestsWithBadCredentials() {
        return 3;
    }

    private long violationsBefore;

    protected TestHost host() {
        violationsBefore = upstreamLimitViolations();
        return new TestHost(connector(), config());
    }

    @AfterEach
    void noLimitWasExceeded() {
        assertThat(upstreamLimitViolations() - violationsBefore).as("requests that broke the upstream's limits").isZero();
    }

    @Test
    void aFullImportStoresExactlyTheUpstreamsRecords() throws Exception {
        TestHost host = host();

        ReadResult result = host.fullImport();

        long expectedTotal = expectedRecords().values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.inserted()).isEqualTo(expectedTotal);
        assertThat(result.failed()).isZero();
        expectedRecords().forEach((stream, count) ->
                assertThat(host.store().count(stream)).as("records of stream %s", stream).isEqualTo(count));
        assertThat(host.streams()).containsExactlyInAnyOrderElementsOf(expectedRecords().keySet());
    }

    @Test
    void aSecondFullImportChangesNothing() throws Exception {
        TestHost host = host();
        ReadResult first = host.fullImport();

        ReadResult second = host.fullImport();

        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).as("a record's payload must serialize the same way each time").isZero();
        assertThat(second.unchanged()).isEqualTo(first.inserted());
    }

    @Test
    void changedRecordsArePickedUpIncrementallyWithoutAFullScan() throws Exception {
        TestHost host = host();
        host.fullImport();
        long fullScanRequests = host.http().requests();
        changeUpstreamRecords(10);
        long before = host.http().requests();

        ReadResult incremental = host.read(changedStream(), host.watermark(changedStream()));

        long incrementalRequests = host.http().requests() - before;
        assertThat(incremental.updated()).isEqualTo(10);
        assertThat(incremental.inserted()).isZero();
        assertThat(incrementalRequests).as("requests of the incremental read, against %d for the full import",
                fullScanRequests).isLessThan(Math.max(2, fullScanRequests / 2));
    }

    @Test
    void badCredentialsFailFastWithAClearMessage() {
        TestHost host = new TestHost(connector(), configWithBadCredentials());
        violationsBefore = upstreamLimitViolations();

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        assertThatThrownBy(host::fullImport).isInstanceOf(ConnectorException.class);

        assertThat(host.http().requests()).isLessThanOrEqualTo(2L * maxRequestsWithBadCredentials());
    }
}
