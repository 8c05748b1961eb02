package io.inflow.server.store;

import java.nio.file.Path;

/** Tries to claim a PostgreSQL folder in a JVM of its own; its exit status tells whether it could. */
public final class TryClaimDataDir {

    static final int CLAIMED = 0;
    static final int REFUSED = 3;

    private TryClaimDataDir() {
    }

    public static void main(String[] args) {
        try (DataDirLock claim = DataDirLock.claim(Path.of(args[0]), "test probe")) {
            System.exit(CLAIMED);
        } catch (DataDirInUseException e) {
            System.exit(REFUSED);
        }
    }
}
