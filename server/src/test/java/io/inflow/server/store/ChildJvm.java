package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A JVM of its own running one of the test mains on a folder, started and waited for until it says it is ready. */
final class ChildJvm implements AutoCloseable {

    static final String READY = "READY";

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code main} on {@code folder} and returns once it printed {@link #READY}. */
    static ChildJvm start(Class<?> main, Path folder) {
        try {
            Process process = process(main, folder);
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith(READY)) {
                // skip the child's log lines
            }
            assertThat(line).as("the child JVM got ready").isNotNull();
            return new ChildJvm(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code main} on {@code folder} to its end: its exit status. */
    static int exitStatus(Class<?> main, Path folder) throws InterruptedException {
        try {
            Process process = process(main, folder);
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process process(Class<?> main, Path folder) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), folder.toString())
                .redirectErrorStream(true)
                .start();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, nothing stopped. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child JVM died").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
