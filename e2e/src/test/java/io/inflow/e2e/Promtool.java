package io.inflow.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus's own linter, {@code promtool check metrics}, over a scrape. A machine without promtool fails the
 * test that asks for it, saying how to install it, rather than skipping it: CI installs it ({@code .ci/run}).
 */
final class Promtool {

    static final String MISSING = "promtool is not on the PATH. Install it with: apt-get install -y prometheus "
            + "(Debian; .ci/run does so), or put the promtool binary of a Prometheus release on the PATH";

    private Promtool() {
    }

    /** What promtool said about a scrape: each problem is a line of its output. */
    record Check(int exitCode, String output) {

        List<String> problems() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** Runs {@code promtool check metrics} with {@code exposition} (the Prometheus text format) as its input. */
    static Check checkMetrics(String exposition) {
        Path promtool = find().orElseThrow(() -> new AssertionError(MISSING));
        try {
            Path output = Files.createTempFile("promtool", ".out");
            Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try (var input = process.getOutputStream()) {
                input.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool check metrics did not end within a minute");
            }
            String said = Files.readString(output);
            Files.delete(output);
            return new Check(process.exitValue(), said);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The promtool of the PATH, as a shell would find it. */
    static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
    }
}
