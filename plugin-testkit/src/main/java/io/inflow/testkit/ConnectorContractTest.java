package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import io.inflow.api.record.Record;
import io.inflow.testkit.RecordingReadContext.Cancellation;
import io.inflow.testkit.RecordingReadContext.Commit;
import io.inflow.testkit.RecordingReadContext.CommitFailedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every Inflow connector passes, against a fake of its upstream (Inflow's sandbox, or your own).
 * Extend it in your plugin's tests and answer the abstract methods; each test gets fresh {@link TestHost}s.
 *
 * <ul>
 *   <li>a full import stores exactly the upstream's records, stream by stream;</li>
 *   <li>a second full import changes nothing;</li>
 *   <li>records changed upstream are picked up by an incremental import without a full scan, and an incremental
 *       read returns only what changed;</li>
 *   <li>a read interrupted at any page (cancelled, or a commit the host failed to store) and resumed from its last
 *       checkpoint stores exactly what an uninterrupted read stores;</li>
 *   <li>a cancelled read stops within one page;</li>
 *   <li>bad credentials fail fast, with a message a person can act on, and without a storm of retries;</li>
 *   <li>the upstream's limits are never exceeded.</li>
 * </ul>
 *
 * <p>The tests that interrupt a read do so at every page of every stream, so their reads grow with the square of
 * the pages: point them at a small data set with {@link #configWithFewPages()} (and, for a stream whose full read
 * cannot be made short, {@link #startOfInterruptedReads}).
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

    /**
     * The clock of the tests' hosts, which the connector reads: by default one that keeps pace with the system's.
     * Return the clock your fake upstream runs on, when it does not run on the system's.
     */
    protected TestClock clock() {
        return TestClock.realTime();
    }

    /**
     * A configuration that reads each stream in a few pages (two to five, say), for the tests that interrupt a read
     * at every page. By default {@link #config()}.
     */
    protected ConnectorConfig configWithFewPages() {
        return config();
    }

    /**
     * Where the interrupted reads of {@code stream} start: empty, a full read, by default. A stream whose full read
     * takes many pages whatever the configuration may start at a checkpoint an incremental read would start from.
     */
    protected Checkpoint startOfInterruptedReads(String stream) {
        return Checkpoint.empty();
    }

    /**
     * The records each stream's read from {@link #startOfInterruptedReads} returns with {@link #configWithFewPages()},
     * exactly. By default {@link #expectedRecords()}.
     */
    protected Map<String, Long> expectedRecordsWithFewPages() {
        return expectedRecords();
    }

    /** The pages (commits) of each of those reads, exactly; empty, by default, leaves them unchecked. */
    protected Map<String, Integer> expectedPagesWithFewPages() {
        return Map.of();
    }

    /**
     * How many unchanged records of {@link #changedStream()} an incremental read right after a full read returns
     * again, exactly: zero, by default, for a connector that asks the upstream for what changed and nothing else.
     * A connector that reads a margin again on purpose (to allow for clocks that disagree) says how many its margin
     * holds in the fake upstream. The test changes 10 records before its full read too, so the latest change that
     * read sees is the test's own, whatever other tests changed before.
     */
    protected long unchangedRecordsReadAgainIncrementally() {
        return 0;
    }

    private Long violationsBefore;

    /** A host of the connector with {@link #config()}, on {@link #clock()}. */
    protected TestHost host() {
        return host(config());
    }

    private TestHost host(ConnectorConfig config) {
        if (violationsBefore == null) {
            violationsBefore = upstreamLimitViolations();
        }
        return new TestHost(connector(), config, clock());
    }

    @AfterEach
    void noLimitWasExceeded() {
        if (violationsBefore != null) {
            assertThat(upstreamLimitViolations() - violationsBefore).as("requests that broke the upstream's limits")
                    .isZero();
        }
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

        ReadResult incremental = host.read(changedStream(), host.checkpoint(changedStream()));

        long incrementalRequests = host.http().requests() - before;
        assertThat(incremental.updated()).isEqualTo(10);
        assertThat(incremental.inserted()).isZero();
        assertThat(incrementalRequests).as("requests of the incremental read, against %d for the full import",
                fullScanRequests).isLessThan(Math.max(2, fullScanRequests / 2));
    }

    /**
     * After a full read of {@link #changedStream()}, an incremental one returns the records changed since and no other
     * (but the margin the connector declares), and leaves the stream as a full read of it would now.
     */
    @Test
    void anIncrementalReadAfterAFullOneReturnsOnlyWhatChanged() throws Exception {
        String stream = changedStream();
        changeUpstreamRecords(10);
        TestHost host = host();
        host.read(stream, Checkpoint.empty());
        Map<String, String> before = host.store().stream(stream);
        changeUpstreamRecords(10);
        TestHost fresh = host();
        fresh.read(stream, Checkpoint.empty());
        Map<String, String> now = fresh.store().stream(stream);
        Set<String> changed = changedIds(before, now);

        RecordingReadContext incremental = host.read(host.readContext(stream, host.checkpoint(stream)));

        assertThat(changed).as("records changed upstream").hasSize(10);
        Set<String> returned = new HashSet<>(incremental.stored().keySet());
        returned.addAll(incremental.deleted());
        assertThat(returned).as("records the incremental read returned").containsAll(changed);
        returned.removeAll(changed);
        assertThat(returned).as("unchanged records the incremental read returned again")
                .hasSize((int) unchangedRecordsReadAgainIncrementally())
                .allSatisfy(id -> assertThat(incremental.stored().get(id)).extracting(Record::payload)
                        .isEqualTo(before.get(id)));
        assertThat(incremental.result().inserted()).isZero();
        assertThat(host.store().stream(stream)).as("the stream after the incremental read, against a full read")
                .isEqualTo(now);
    }

    /**
     * For every page k of every stream: a read cancelled once it committed page k, and a read whose k-th commit the
     * host failed to store, each resumed from the last checkpoint stored, leave the stream with exactly the records
     * (ids and payloads) of an uninterrupted read.
     */
    @Test
    void aReadInterruptedAtAnyPageAndResumedFromItsLastCheckpointStoresExactlyWhatAnUninterruptedReadStores()
            throws Exception {
        int mostPages = 0;
        for (String stream : host(configWithFewPages()).streams()) {
            Uninterrupted whole = readWithFewPages(stream);
            mostPages = Math.max(mostPages, whole.pages());
            for (int k = 1; k <= whole.pages(); k++) {
                TestHost cancelled = host(configWithFewPages());
                RecordingReadContext first = cancelled.read(
                        cancelled.readContext(stream, startOfInterruptedReads(stream)).cancelAfter(k));
                assertThat(first.batches()).as("pages of %s committed by a read cancelled after page %d", stream, k)
                        .hasSizeBetween(k, k + 1);
                assertThat(differences(resume(cancelled, first), whole.records()))
                        .as("%s cancelled after page %d and resumed, against an uninterrupted read", stream, k).isEmpty();

                TestHost failed = host(configWithFewPages());
                RecordingReadContext failing = failed.readContext(stream, startOfInterruptedReads(stream)).failCommit(k);
                Throwable thrown = catchThrowable(() -> failed.read(failing));
                assertThat(failing.commitFailure()).as("commit %d of %s, made to fail", k, stream).isPresent();
                assertThat(causes(thrown)).as("what a read of %s whose commit %d the host failed to store threw "
                        + "(a connector lets that failure end its read)", stream, k)
                        .contains(failing.commitFailure().get());
                assertThat(differences(resume(failed, failing), whole.records()))
                        .as("%s failed at commit %d and resumed, against an uninterrupted read", stream, k).isEmpty();
            }
        }
        assertThat(mostPages).as("pages of the longest read with few pages: interrupting a read of one page proves "
                + "little; make configWithFewPages() read some stream in two pages or more").isGreaterThan(1);
    }

    /**
     * For every page k but the last of every stream: once the read is cancelled, whether as page k is committed or
     * while page k + 1 is being fetched, it commits at most one more page and sends at most one page's requests.
     */
    @Test
    void aCancelledReadStopsWithinOnePage() throws Exception {
        int cancelledMidPages = 0;
        for (String stream : host(configWithFewPages()).streams()) {
            Uninterrupted whole = readWithFewPages(stream);
            for (int k = 1; k < whole.pages(); k++) {
                TestHost atCommit = host(configWithFewPages());
                RecordingReadContext cancelledAtCommit = atCommit.read(
                        atCommit.readContext(stream, startOfInterruptedReads(stream)).cancelAfter(k));
                assertStoppedWithinOnePage(cancelledAtCommit, whole, "%s cancelled as page %d was committed", stream, k);

                TestHost midPage = host(configWithFewPages());
                RecordingReadContext cancelledMidPage = midPage.readContext(stream, startOfInterruptedReads(stream));
                cancelledMidPage.afterCommit(k, () -> cancelledMidPage.afterRequest(cancelledMidPage.requests() + 1,
                        cancelledMidPage::cancel));
                midPage.read(cancelledMidPage);
                if (cancelledMidPage.cancellation().isPresent()) {
                    // unless the connector had fetched every page left before it committed page k
                    cancelledMidPages++;
                    assertStoppedWithinOnePage(cancelledMidPage, whole, "%s cancelled while page %d was fetched",
                            stream, k + 1);
                }
            }
        }
        assertThat(cancelledMidPages).as("reads cancelled while a page was fetched").isPositive();
    }

    @Test
    void badCredentialsFailFastWithAClearMessage() {
        violationsBefore = upstreamLimitViolations();
        TestHost host = new TestHost(connector(), configWithBadCredentials(), clock());

        assertThatThrownBy(host::check).isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        assertThatThrownBy(host::fullImport).isInstanceOf(ConnectorException.class);

        assertThat(host.http().requests()).isLessThanOrEqualTo(2L * maxRequestsWithBadCredentials());
    }

    /** An uninterrupted read of a stream with few pages: what it stored, its pages, the most requests of one page. */
    private record Uninterrupted(Map<String, String> records, int pages, long mostRequestsOfAPage) {
    }

    private Uninterrupted readWithFewPages(String stream) throws Exception {
        TestHost host = host(configWithFewPages());
        RecordingReadContext read = host.read(host.readContext(stream, startOfInterruptedReads(stream)));
        long most = 0;
        long before = 0;
        for (Commit commit : read.commits()) {
            most = Math.max(most, commit.requests() - before);
            before = commit.requests();
        }
        Long records = expectedRecordsWithFewPages().get(stream);
        assertThat(records).as("the records expected of stream %s with few pages", stream).isNotNull();
        assertThat(host.store().count(stream)).as("records of stream %s read with few pages", stream).isEqualTo(records);
        if (!expectedPagesWithFewPages().isEmpty()) {
            assertThat(read.commits().size()).as("pages of stream %s read with few pages", stream)
                    .isEqualTo(expectedPagesWithFewPages().get(stream));
        }
        assertThat(read.cancellation()).isEmpty();
        return new Uninterrupted(host.store().stream(stream), read.commits().size(), most);
    }

    /**
     * Reads the stream again from the last checkpoint the interrupted read stored (its start when it stored none), to
     * its end: what the stream then holds.
     */
    private static Map<String, String> resume(TestHost host, RecordingReadContext interrupted) throws Exception {
        RecordingReadContext resumed = host.read(host.readContext(interrupted.stream(), interrupted.lastCheckpoint()));
        assertThat(resumed.cancellation()).isEmpty();
        return host.store().stream(interrupted.stream());
    }

    /** How a stream's records differ from what was expected, by id: "missing", "not expected" or "other payload". */
    private static Map<String, String> differences(Map<String, String> actual, Map<String, String> expected) {
        Map<String, String> differences = new LinkedHashMap<>();
        expected.forEach((id, payload) -> {
            if (!actual.containsKey(id)) {
                differences.put(id, "missing");
            } else if (!actual.get(id).equals(payload)) {
                differences.put(id, "other payload: " + actual.get(id) + " instead of " + payload);
            }
        });
        actual.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> differences.put(id, "not expected"));
        return differences;
    }

    private static void assertStoppedWithinOnePage(RecordingReadContext read, Uninterrupted whole, String what,
                                                   Object... args) {
        Cancellation cancel = read.cancellation().orElseThrow();
        assertThat(read.commits().size() - cancel.commits()).as("pages committed after the cancel: " + what, args)
                .isLessThanOrEqualTo(1);
        assertThat(read.requests() - cancel.requests()).as("requests sent after the cancel, against at most %d a "
                + "page: " + what, join(whole.mostRequestsOfAPage(), args)).isLessThanOrEqualTo(whole.mostRequestsOfAPage());
    }

    private static Object[] join(Object first, Object... rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The ids whose record differs between two states of a stream: changed, added or gone. */
    private static Set<String> changedIds(Map<String, String> before, Map<String, String> after) {
        Map<String, String> all = new LinkedHashMap<>(before);
        all.putAll(after);
        Set<String> changed = new HashSet<>();
        all.keySet().forEach(id -> {
            if (!Objects.equals(before.get(id), after.get(id))) {
                changed.add(id);
            }
        });
        return changed;
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable each = thrown; each != null && !causes.contains(each); each = each.getCause()) {
            causes.add(each);
        }
        return causes;
    }
}
