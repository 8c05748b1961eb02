package io.inflow.server.store;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * The process that holds a data dir, as it writes itself into the lock file so that a process refused the data dir
 * can say who has it.
 *
 * @param pid its process id
 * @param purpose what it runs: {@code server} or {@code db command}
 * @param since when it took the data dir
 */
record DataDirOwner(long pid, String purpose, Instant since) {

    static DataDirOwner thisProcess(String purpose) {
        return new DataDirOwner(ProcessHandle.current().pid(), purpose, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    String fileText() {
        return "# Inflow holds this file locked while it runs PostgreSQL on this data dir; the lock dies with the process.\n"
                + "pid=" + pid + "\npurpose=" + purpose + "\nsince=" + since + "\n";
    }

    /** The owner a lock file names, if it names one (a file being written names none yet). */
    static Optional<DataDirOwner> parse(String fileText) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(fileText));
            return Optional.of(new DataDirOwner(Long.parseLong(properties.getProperty("pid", "").trim()),
                    properties.getProperty("purpose", "unknown").trim(),
                    Instant.parse(properties.getProperty("since", "").trim())));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + " (" + purpose + ", since " + since + ")";
    }
}
