package io.inflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import io.inflow.api.stats.StatQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factories and withers plugins build values with give what the canonical constructors give. */
class ValueFactoriesTest {

    private static final Checkpoint NEXT = Checkpoint.of("offset", "p2");

    @Test
    void records() {
        Instant changed = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(Record.of("clients", "7", "{}")).isEqualTo(new Record("clients", "7", "{}", null));
        assertThat(Record.of("clients", "7", "{}").withSourceUpdatedAt(changed))
                .isEqualTo(new Record("clients", "7", "{}", changed));
    }

    @Test
    void batches() {
        Record record = Record.of("clients", "7", "{}");
        RejectedRecord rejected = RejectedRecord.of("clients", "{\"Id\":", "truncated JSON").withExternalId("8");
        assertThat(rejected).isEqualTo(new RejectedRecord("clients", "8", "{\"Id\":", "truncated JSON"));

        assertThat(Batch.of(List.of(record), NEXT)).isEqualTo(new Batch(List.of(record), List.of(), List.of(), NEXT));
        assertThat(Batch.of(List.of(record), NEXT).withRejected(List.of(rejected)).withDeleted(List.of("9")))
                .isEqualTo(new Batch(List.of(record), List.of(rejected), List.of("9"), NEXT));
        assertThat(Batch.checkpointOnly(NEXT).records()).isEmpty();
        assertThat(Batch.checkpointOnly(NEXT).checkpoint()).isEqualTo(NEXT);
    }

    @Test
    void specs() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.string("apiKey").asRequired().asSecret());
        Limits limits = Limits.perSecond(5);
        assertThat(ConnectorSpec.of("Notes", schema, limits))
                .isEqualTo(new ConnectorSpec("Notes", "", schema, limits, List.of()));
        assertThat(ConnectorSpec.of("Notes", schema, limits).withDescription("Notes of a notebook")
                .withStreams("notes", "tags"))
                .isEqualTo(new ConnectorSpec("Notes", "Notes of a notebook", schema, limits, List.of("notes", "tags")));
    }

    @Test
    void stats() {
        String sql = "SELECT count(*) AS notes FROM records WHERE connection_id = :connection";
        assertThat(StatQuery.of("notes", sql).withDescription("How many"))
                .isEqualTo(new StatQuery("notes", "How many", sql));
    }

    @Test
    void theApiKnowsItsOwnVersion() {
        assertThat(ApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
