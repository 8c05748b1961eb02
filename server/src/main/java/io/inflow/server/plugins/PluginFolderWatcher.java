package io.inflow.server.plugins;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescans the plugins folder when a jar in it is added, replaced or removed, so an integrator can drop a plugin
 * in without restarting the server or calling {@code POST /api/v1/plugins/rescan}.
 *
 * <p>Copying a jar fires a burst of events and a jar read half-way fails to load, so the rescan waits until the
 * folder has been still for the quiet period; a jar that failed because it was still being written is loaded by
 * the rescan that follows its last write, as every rescan retries failed jars. The rescan itself is the
 * registry's, which serializes it with the REST rescan, disable and enable. One thread, stopped with the server.
 */
public final class PluginFolderWatcher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolderWatcher.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Path folder;
    private final Duration quietPeriod;
    private final Runnable rescan;
    private WatchService watchService;
    private Thread thread;

    /**
     * @param rescan brings the plugins in line with the folder; called from the watcher's thread
     */
    public PluginFolderWatcher(Path folder, Duration quietPeriod, Runnable rescan) {
        this.folder = folder;
        this.quietPeriod = quietPeriod;
        this.rescan = rescan;
    }

    /** The name of the watcher's thread, to tell it apart from other servers' in one JVM. */
    public String threadName() {
        return "inflow-plugins-watch " + folder;
    }

    @Override
    public synchronized void start() throws IOException {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Plugins folder {} does not exist; it is not watched", folder);
            return;
        }
        watchService = folder.getFileSystem().newWatchService();
        folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(this::watch, threadName());
        thread.setDaemon(true);
        thread.start();
        LOG.info("Watching {} for plugin jars (quiet period {})", folder, quietPeriod);
    }

    /** Stops watching; a rescan under way finishes first, as interrupting it could fail a jar half-read. */
    @Override
    public synchronized void stop() throws IOException, InterruptedException {
        if (watchService == null) {
            return;
        }
        watchService.close();
        thread.join(STOP_WAIT.toMillis());
        if (thread.isAlive()) {
            LOG.warn("The watcher of {} did not stop within {}", folder, STOP_WAIT);
        }
        watchService = null;
        thread = null;
    }

    private void watch() {
        WatchService events = watchService;
        long due = 0;
        boolean pending = false;
        try {
            while (true) {
                if (pending && System.nanoTime() - due >= 0) {
                    pending = false;
                    rescanSafely();
                    continue;
                }
                WatchKey key = pending ? events.poll(due - System.nanoTime(), TimeUnit.NANOSECONDS) : events.take();
                if (key == null) {
                    continue;
                }
                boolean jarsChanged = key.pollEvents().stream().anyMatch(PluginFolderWatcher::concernsAJar);
                if (!key.reset()) {
                    LOG.warn("Plugins folder {} can no longer be watched (removed?); rescan by REST from now on",
                            folder);
                    rescanSafely();
                    return;
                }
                if (jarsChanged) {
                    pending = true;
                    due = System.nanoTime() + quietPeriod.toNanos();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopped
        }
    }

    private void rescanSafely() {
        try {
            rescan.run();
        } catch (RuntimeException e) {
            LOG.error("Rescanning the plugins folder {} failed", folder, e);
        }
    }

    private static boolean concernsAJar(WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            return true; // events were lost: any jar may have changed
        }
        return event.context() instanceof Path file && file.getFileName().toString().endsWith(".jar");
    }
}
