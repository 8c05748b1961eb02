package io.inflow.server.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A process refused a data dir because another live process holds it. Its message is meant for the operator as it
 * stands: who holds the data dir, and what to do instead. Nothing was touched when it is thrown.
 */
public final class DataDirInUseException extends RuntimeException {

    /**
     * @param holder who holds it, as the lock file names it (empty while the holder is still writing the file)
     * @param postgresPort the port of the holder's PostgreSQL, when it runs
     */
    static DataDirInUseException byAnotherProcess(Path dataDir, Optional<DataDirOwner> holder, OptionalInt postgresPort) {
        return new DataDirInUseException(message(dataDir,
                holder.map(owner -> "Inflow " + owner).orElse("another process (its lock file names no one yet)"),
                postgresPort));
    }

    /** Two claims in one process: a mistake of the code (or of a test) that starts two databases on one folder. */
    static DataDirInUseException byThisProcess(Path dataDir) {
        return new DataDirInUseException(message(dataDir, "this very process (pid " + ProcessHandle.current().pid()
                + ") already", OptionalInt.empty()));
    }

    private DataDirInUseException(String message) {
        super(message);
    }

    private static String message(Path dataDir, String holder, OptionalInt postgresPort) {
        StringBuilder message = new StringBuilder("The data dir ").append(dataDir).append(" is in use by ")
                .append(holder);
        postgresPort.ifPresent(port -> message.append(", whose PostgreSQL listens on port ").append(port));
        message.append(". Nothing was changed. Stop that process first (SIGTERM lets it stop cleanly), or give this one"
                + " another INFLOW_DATA_DIR.");
        postgresPort.ifPresent(port -> message.append(" To run a db command against the live database, set"
                + " INFLOW_DATABASE_URL=jdbc:postgresql://localhost:").append(port).append("/")
                .append(EmbeddedDatabase.DATABASE).append(" and INFLOW_DATABASE_USER=")
                .append(EmbeddedDatabase.SUPERUSER).append("."));
        return message.toString();
    }
}
