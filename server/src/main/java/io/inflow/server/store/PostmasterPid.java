package io.inflow.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What PostgreSQL writes into {@code postmaster.pid} of its data folder while it runs: its pid on the first line,
 * its port on the fourth. The file may be stale (left by a postmaster that was killed) or half written (read while
 * PostgreSQL starts); whoever reads it checks the pid is alive.
 *
 * @param pid the postmaster's process id
 * @param port the port it listens on, when the file has got that far
 */
record PostmasterPid(long pid, OptionalInt port) {

    static Optional<PostmasterPid> read(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return Optional.of(new PostmasterPid(pid, lines.size() > 3 ? port(lines.get(3)) : OptionalInt.empty()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt port(String line) {
        try {
            return OptionalInt.of(Integer.parseInt(line.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
