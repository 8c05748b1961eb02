package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import io.inflow.testkit.RecordingReadContext.Cancellation;
import io.inflow.testkit.RecordingReadContext.Commit;
import io.inflow.testkit.RecordingReadContext.CommitFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the recording context keeps of a read, and how it cancels, fails a commit and tells the time. */
class RecordingReadContextTest {

    /**
     * Five pages of two records each, "page" in its checkpoint; it stamps each record with the context's clock, and
     * stops at a cancel only when told to heed it.
     */
    private static final class PagesConnector implements Connector {

        private final boolean heedsCancel;

        PagesConnector(boolean heedsCancel) {
            this.heedsCancel = heedsCancel;
        }

        @Override
        public ConnectorSpec spec() {
            return new ConnectorSpec("Pages", "", ConfigSchema.of(), Limits.perSecond(100), List.of("items"));
        }

        @Override
        public void check(ConnectorContext context) {
        }

        @Override
        public void read(String stream, Checkpoint checkpoint, ReadContext context) {
            int page = checkpoint.get("page").map(Integer::parseInt).orElse(0);
            context.estimateTotal(10);
            while (page < 5 && !(heedsCancel && context.isCancelled())) {
                Instant now = context.clock().instant();
                List<Record> records = List.of(new Record(stream, "r" + (2 * page), "{\"at\":\"" + now + "\"}", now),
                        new Record(stream, "r" + (2 * page + 1), "{}", null));
                page++;
                context.log().log(System.Logger.Level.INFO, "page {0}", page);
                context.commit(new Batch(records, page == 3 ? List.of(new RejectedRecord(stream, "bad", "{", "broken"))
                        : List.of(), Checkpoint.of("page", Integer.toString(page))));
            }
        }
    }

    private static TestHost host(boolean heedsCancel) {
        return new TestHost(new PagesConnector(heedsCancel), ConnectorConfig.empty(),
                TestClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1)));
    }

    @Test
    void everyCommitIsKeptWithTheCheckpointBeforeItAndStoredInTheHost() throws Exception {
        TestHost host = host(true);

        RecordingReadContext read = host.read(host.readContext("items", Checkpoint.of("page", "2")));

        assertThat(read.commits()).extracting(Commit::number).containsExactly(1, 2, 3);
        assertThat(read.commits()).extracting(Commit::before)
                .containsExactly(Checkpoint.of("page", "2"), Checkpoint.of("page", "3"), Checkpoint.of("page", "4"));
        assertThat(read.lastCheckpoint()).isEqualTo(Checkpoint.of("page", "5")).isEqualTo(host.checkpoint("items"));
        assertThat(read.stored()).containsOnlyKeys("r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(read.rejected()).extracting(RejectedRecord::externalId).containsExactly("bad");
        assertThat(read.estimates()).containsExactly(10L);
        assertThat(read.logLines()).containsExactly("page 3", "page 4", "page 5");
        assertThat(read.result()).isEqualTo(new ReadResult(6, 0, 0, 1, 0, 3));
        assertThat(host.store().count("items")).isEqualTo(6);
        assertThat(read.cancellation()).isEmpty();
    }

    @Test
    void aReadCancelledAfterACommitEndsThereWhenTheConnectorHeedsIt() throws Exception {
        TestHost host = host(true);

        RecordingReadContext read = host.read(host.readContext("items", Checkpoint.empty()).cancelAfter(2));

        assertThat(read.batches()).hasSize(2);
        assertThat(read.cancellation()).contains(new Cancellation(2, 0));
        assertThat(host.checkpoint("items")).isEqualTo(Checkpoint.of("page", "2"));
    }

    @Test
    void aCommitAfterTheCancelIsStoredAndThrowsAsTheServersDoes() {
        TestHost host = host(false);
        RecordingReadContext read = host.readContext("items", Checkpoint.empty());
        read.afterCommit(1, read::cancel);

        assertThatThrownBy(() -> new PagesConnector(false).read("items", Checkpoint.empty(), read))
                .isInstanceOf(ReadCancelledException.class);
        assertThat(read.batches()).hasSize(2);
        assertThat(read.cancellation()).contains(new Cancellation(1, 0));
        assertThat(host.checkpoint("items")).isEqualTo(Checkpoint.of("page", "2"));
    }

    @Test
    void theHostEndsACancelledReadThatLetsTheCancelThroughAsTheServerDoes() throws Exception {
        TestHost host = host(false);

        RecordingReadContext read = host.read(host.readContext("items", Checkpoint.empty()).cancelAfter(4));

        assertThat(read.batches()).hasSize(5);
        assertThat(read.cancellation()).contains(new Cancellation(4, 0));
    }

    @Test
    void aFailedCommitStoresNothingKeepsTheCheckpointBeforeItAndEveryLaterCommitFailsToo() {
        TestHost host = host(true);
        RecordingReadContext read = host.readContext("items", Checkpoint.empty()).failCommit(3);

        assertThatThrownBy(() -> host.read(read)).isInstanceOf(CommitFailedException.class)
                .hasMessageContaining("batch 3 of stream items");
        assertThatThrownBy(() -> read.commit(new Batch(List.of(), Checkpoint.of("page", "9"))))
                .isSameAs(read.commitFailure().orElseThrow());
        assertThat(read.batches()).hasSize(2);
        assertThat(host.checkpoint("items")).isEqualTo(Checkpoint.of("page", "2"));
        assertThat(host.store().stream("items")).containsOnlyKeys("r0", "r1", "r2", "r3");
    }

    @Test
    void aRecordOfAnotherStreamIsRefused() {
        RecordingReadContext read = host(true).readContext("items", Checkpoint.empty());

        assertThatThrownBy(() -> read.commit(new Batch(List.of(new Record("other", "1", "{}", null)), Checkpoint.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
        assertThat(read.commits()).isEmpty();
    }

    @Test
    void theConnectorReadsTheHostsClock() throws Exception {
        TestHost host = host(true);

        RecordingReadContext read = host.read(host.readContext("items", Checkpoint.of("page", "3")));

        assertThat(read.clock()).isSameAs(host.clock());
        assertThat(host.context().clock()).isSameAs(host.clock());
        assertThat(read.records()).extracting(Record::sourceUpdatedAt).containsExactly(
                Instant.parse("2026-01-01T00:00:01Z"), null, Instant.parse("2026-01-01T00:00:02Z"), null);
    }

    @Test
    void aRequestHookRunsOnceThatRequestIsAnswered() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.answering(200, "ok")) {
            TestHost host = host(true);
            AtomicInteger seen = new AtomicInteger();
            RecordingReadContext read = host.readContext("items", Checkpoint.empty())
                    .afterRequest(2, () -> seen.set((int) host.http().requests()));

            for (int i = 0; i < 3; i++) {
                read.http().send(upstream.get("/"));
            }
            host.http().send(upstream.get("/"));

            assertThat(seen).hasValue(2);
            assertThat(read.requests()).isEqualTo(3);
            assertThat(host.http().requests()).isEqualTo(4);
        }
    }

    @Test
    void testClocksStandStillTickOrKeepPaceWithTheSystem() {
        TestClock still = TestClock.at("2026-01-01T00:00:00Z");
        TestClock ticking = TestClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(20));
        TestClock real = TestClock.realTime();

        still.advance(Duration.ofMinutes(1));
        real.advance(Duration.ofHours(1));

        assertThat(still.instant()).isEqualTo(still.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(ticking.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00.020Z"));
        assertThat(ticking.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00.040Z"));
        assertThat(Duration.between(Instant.now(), real.instant())).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        real.set(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Duration.between(Instant.parse("2026-01-01T00:00:00Z"), real.instant()))
                .isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }
}
