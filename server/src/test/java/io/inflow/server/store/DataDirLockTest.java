package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aFolderClaimedByAnotherLiveProcessIsRefusedNamingThatProcessUntilItDies() throws Exception {
        Path folder = dataDir.resolve("postgres");
        try (ChildJvm holder = ChildJvm.start(HoldDataDir.class, folder)) {
            assertThatThrownBy(() -> DataDirLock.claim(folder, "test"))
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageStartingWith("The data dir " + dataDir + " is in use by Inflow pid " + holder.pid()
                            + " (test holder, since ")
                    .hasMessageContaining("Stop that process first");

            holder.kill();

            try (DataDirLock claim = DataDirLock.claim(folder, "test")) {
                assertThat(claim.postgresDirectory()).isEqualTo(folder);
                assertThat(Files.readString(dataDir.resolve("postgres.lock")))
                        .contains("pid=" + ProcessHandle.current().pid()).contains("purpose=test");
            }
        }
    }

    @Test
    void aSecondClaimInTheSameProcessIsRefusedAndLeavesTheFirstHeld() throws Exception {
        Path folder = dataDir.resolve("postgres");
        try (DataDirLock first = DataDirLock.claim(folder, "test")) {
            assertThatThrownBy(() -> DataDirLock.claim(folder, "test"))
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("is in use by this very process (pid " + ProcessHandle.current().pid() + ")");

            // closing any second descriptor of the file in this JVM would have dropped the OS lock: it is still held
            assertThat(ChildJvm.exitStatus(TryClaimDataDir.class, folder)).isEqualTo(TryClaimDataDir.REFUSED);
        }
        assertThat(ChildJvm.exitStatus(TryClaimDataDir.class, folder)).isEqualTo(TryClaimDataDir.CLAIMED);
    }
}
