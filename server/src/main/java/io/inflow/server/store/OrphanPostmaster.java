package io.inflow.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL left running on a data folder by a JVM that died without stopping it (SIGKILL, OOM
 * killer, power cut of the JVM alone) and stops it, so that a new server can start on the same folder.
 *
 * <p>Only the holder of the folder's {@link DataDirLock} may ask: {@code postmaster.pid} alone cannot tell an orphan
 * from the PostgreSQL of a live server, but the lock can, since it dies with its owner. A postmaster still running
 * on a folder whose lock this process could take has no owner left.
 *
 * <p>PostgreSQL writes its pid on the first line of {@code postmaster.pid}. A fast shutdown (SIGINT) rolls
 * back open transactions and keeps every committed one, which is exactly what crash recovery needs.
 */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);

    private OrphanPostmaster() {
    }

    /** Stops the orphan on the folder this process has claimed, if there is one. */
    static void stopIfRunning(DataDirLock claim, Duration timeout) throws IOException {
        Path dataDirectory = claim.postgresDirectory();
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
        // A stale file whose pid is gone, or now belongs to another program, is PostgreSQL's own business:
        // it checks and removes such a file when it starts.
        return PostmasterPid.read(dataDirectory)
                .flatMap(postmaster -> ProcessHandle.of(postmaster.pid()))
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
