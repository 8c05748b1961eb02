package io.inflow.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFolderWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path folder;

    private final AtomicInteger rescans = new AtomicInteger();
    private PluginFolderWatcher watcher;

    @AfterEach
    void stopWatcher() throws Exception {
        if (watcher != null) {
            watcher.stop();
        }
    }

    @Test
    void aJarWrittenInManyChunksCausesOneRescanAfterTheFolderIsStill() throws Exception {
        start();
        try (OutputStream jar = Files.newOutputStream(folder.resolve("slow.jar"))) {
            for (int chunk = 0; chunk < 6; chunk++) {
                jar.write(new byte[64 * 1024]);
                jar.flush();
                Thread.sleep(50); // a slow copy: events keep coming, each well within the quiet period
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() == 1);
        await().during(QUIET.multipliedBy(2)).atMost(QUIET.multipliedBy(4)).until(() -> rescans.get() == 1);
    }

    @Test
    void filesThatAreNotJarsCauseNoRescan() throws Exception {
        start();
        Files.writeString(folder.resolve("disabled.txt"), "airtable\n");
        Files.writeString(folder.resolve("notes.jar.part"), "half");

        await().during(QUIET.multipliedBy(2)).atMost(QUIET.multipliedBy(4)).until(() -> rescans.get() == 0);
    }

    @Test
    void addingAndThenDeletingAJarRescansEachTime() throws Exception {
        start();
        Files.write(folder.resolve("a.jar"), new byte[10]);
        await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() == 1);

        Files.delete(folder.resolve("a.jar"));

        await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() == 2);
    }

    @Test
    void aRescanThatThrowsDoesNotStopTheWatching() throws Exception {
        watcher = new PluginFolderWatcher(folder, QUIET, () -> {
            rescans.incrementAndGet();
            throw new IllegalStateException("a plugin exploded");
        });
        watcher.start();
        Files.write(folder.resolve("a.jar"), new byte[10]);
        await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() == 1);

        Files.write(folder.resolve("b.jar"), new byte[10]);

        await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() == 2);
    }

    @Test
    void stoppingEndsTheWatcherThreadAndLaterChangesAreIgnored() throws Exception {
        start();
        assertThat(watcherThreadAlive()).isTrue();

        watcher.stop();
        Files.write(folder.resolve("late.jar"), new byte[10]);

        assertThat(watcherThreadAlive()).isFalse();
        await().during(QUIET.multipliedBy(2)).atMost(QUIET.multipliedBy(4)).until(() -> rescans.get() == 0);
    }

    @Test
    void aFolderThatDoesNotExistIsNotWatchedAndStartsNoThread() throws Exception {
        watcher = new PluginFolderWatcher(folder.resolve("absent"), QUIET, rescans::incrementAndGet);
        watcher.start();

        assertThat(watcherThreadAlive()).isFalse();
    }

    private void start() throws Exception {
        watcher = new PluginFolderWatcher(folder, QUIET, rescans::incrementAndGet);
        watcher.start();
    }

    private boolean watcherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(watcher.threadName()) && thread.isAlive());
    }
}
