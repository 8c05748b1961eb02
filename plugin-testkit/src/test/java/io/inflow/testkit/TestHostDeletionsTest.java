package io.inflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.Connector;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorSpec;
import io.inflow.api.Limits;
import io.inflow.api.ReadContext;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The test host applies deletions as the server does: those a batch reports, and those a complete scan reveals. */
class TestHostDeletionsTest {

    /**
     * An upstream of ids 0..size-1 in two streams: "complete" (its full scan returns everything) and "filtered" (not
     * complete); a full read returns the ids present, an incremental read reports the ids removed since as deleted.
     */
    private static final class ShrinkingConnector implements Connector {

        private final List<Integer> present = new ArrayList<>(IntStream.range(0, 5).boxed().toList());
        private final List<String> removedSinceLastRead = new ArrayList<>();

        void remove(int id) {
            present.remove(Integer.valueOf(id));
            removedSinceLastRead.add(Integer.toString(id));
        }

        @Override
        public ConnectorSpec spec() {
            return new ConnectorSpec("Shrinking", "", ConfigSchema.of(), Limits.perSecond(100),
                    List.of("complete", "filtered"));
        }

        @Override
        public boolean fullScanIsComplete(ConnectorConfig config, String stream) {
            return stream.equals("complete");
        }

        @Override
        public void check(ConnectorContext context) {
        }

        @Override
        public void read(String stream, Checkpoint checkpoint, ReadContext context) {
            List<Record> records = present.stream()
                    .map(id -> new Record(stream, Integer.toString(id), "{\"id\":" + id + "}", null)).toList();
            Batch page = new Batch(checkpoint.isEmpty() ? records : List.of(), Checkpoint.of("read", "yes"));
            context.commit(checkpoint.isEmpty() ? page : page.withDeleted(List.copyOf(removedSinceLastRead)));
            if (stream.equals("filtered")) {
                removedSinceLastRead.clear();
            }
        }
    }

    @Test
    void aFullImportRemovesWhatACompleteScanDidNotReturnAndLeavesOtherStreamsAlone() throws Exception {
        ShrinkingConnector connector = new ShrinkingConnector();
        TestHost host = new TestHost(connector, ConnectorConfig.empty());
        host.fullImport();
        connector.remove(1);
        connector.remove(3);

        ReadResult second = host.fullImport();

        assertThat(second.deleted()).isEqualTo(2);
        assertThat(second.unchanged()).isEqualTo(6);
        assertThat(host.store().stream("complete")).containsOnlyKeys("0", "2", "4");
        assertThat(host.store().count("filtered")).isEqualTo(5);
    }

    @Test
    void deletionsABatchReportsAreRemovedAndCountedOnce() throws Exception {
        ShrinkingConnector connector = new ShrinkingConnector();
        TestHost host = new TestHost(connector, ConnectorConfig.empty());
        host.fullImport();
        connector.remove(4);

        ReadResult incremental = host.incrementalImport();

        assertThat(incremental.deleted()).isEqualTo(2);
        assertThat(host.store().stream("complete")).doesNotContainKey("4");
        assertThat(host.store().stream("filtered")).doesNotContainKey("4").hasSize(4);
        assertThat(host.incrementalImport().deleted()).isZero();
    }
}
