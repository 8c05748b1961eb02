package io.inflow.server.store;

import java.nio.file.Path;

/** Starts an embedded database in a JVM of its own, commits a row, says so, and waits to be killed. */
public final class StartEmbeddedDatabase {

    private StartEmbeddedDatabase() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), 0, "test child");
        EmbeddedDatabaseTest.execute(database, "CREATE TABLE committed_before_the_kill (n int)",
                "INSERT INTO committed_before_the_kill VALUES (7)");
        System.out.println(ChildJvm.READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
