package io.inflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void withReturnsANewCheckpointAndLeavesTheOriginalAlone() {
        Checkpoint first = Checkpoint.of("offset", "itr1");

        Checkpoint second = first.with("offset", "itr2").with("after", "2024-01-01T00:00:00Z");

        assertThat(first.get("offset")).contains("itr1");
        assertThat(second.values()).containsOnlyKeys("offset", "after").containsEntry("offset", "itr2");
    }

    @Test
    void settingAKeyToNullRemovesIt() {
        Checkpoint checkpoint = Checkpoint.of("offset", "itr1").with("offset", null);

        assertThat(checkpoint.isEmpty()).isTrue();
        assertThat(checkpoint).isEqualTo(Checkpoint.empty());
    }
}
