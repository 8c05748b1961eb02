package io.inflow.server.store;

import java.nio.file.Path;

/** Claims a PostgreSQL folder in a JVM of its own, says so, and holds it until killed. */
public final class HoldDataDir {

    private HoldDataDir() {
    }

    public static void main(String[] args) throws Exception {
        DataDirLock.claim(Path.of(args[0]), "test holder");
        System.out.println(ChildJvm.READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
