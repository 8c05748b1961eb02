package io.inflow.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL left running on a data folder by a JVM that died without stopping it (SIGKILL, OOM
 * killer, power cut of the JVM alone) and stops it, so that a new server can start on the same folder.
 *
 * <p>PostgreSQL writes its pid on the first line of {@code postmaster.pid}. A fast shutdown (SIGINT) rolls
 * back open transactions and keeps every committed one, which is exactly what crash recovery needs.
 */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);

    private OrphanPostmaster() {
    }

    static void stopIfRunning(Path dataDirectory, Duration timeout) throws IOException {
        Optional<ProcessHandle> orphan = find(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.warn("PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", postmaster.pid(), dataDirectory);
        signal(postmaster, "INT");
        if (!awaitExit(postmaster, timeout)) {
            LOG.warn("PostgreSQL (pid {}) ignored a fast shutdown; terminating it", postmaster.pid());
            postmaster.destroyForcibly();
            if (!awaitExit(postmaster, timeout)) {
                throw new IOException("PostgreSQL (pid " + postmaster.pid() + ") still holds " + dataDirectory
                        + "; stop it by hand and start again");
            }
        }
    }

    static Optional<ProcessHandle> find(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale file whose pid is gone, or now belongs to another program, is PostgreSQL's own business:
        // it checks and removes such a file when it starts.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true));
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        try {
            kill.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL", e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL to stop", e);
        }
    }
}
