package io.inflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the scripts of {@code scripts/} as a user would, with bash and a chosen environment, so tests see exactly
 * their output and exit code.
 */
final class Scripts {

    private static final Path DIR = Path.of(System.getProperty("inflow.scripts.dir", "../scripts"));

    private final Map<String, String> environment;

    Scripts(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** What a script printed and how it ended. */
    record Result(int exitCode, String out, String err) {

        /** Stdout then stderr, for assertion messages. */
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        /** The same result with only the stdout that follows the first line equal to {@code heading}. */
        Result after(String heading) {
            int at = out.indexOf("\n" + heading + "\n");
            if (at < 0) {
                throw new AssertionError("no line '" + heading + "' in\n" + all());
            }
            return new Result(exitCode, out.substring(at + heading.length() + 2), err);
        }

        /** The whitespace-separated cells of the first stdout line that starts with {@code firstCell}. */
        List<String> row(String firstCell) {
            for (String line : out.split("\n")) {
                List<String> cells = List.of(line.trim().split("\\s{2,}"));
                if (cells.get(0).equals(firstCell)) {
                    return cells;
                }
            }
            throw new AssertionError("no row starting with '" + firstCell + "' in\n" + all());
        }
    }

    /** Runs {@code scripts/<script>} with these arguments. */
    Result run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        return runCommand(command, null);
    }

    /** Runs a bash snippet with the scripts' library sourced, feeding it {@code stdin}. */
    Result library(String snippet, String stdin) {
        return runCommand(List.of("bash", "-c", "set -euo pipefail; source \"$0\"; " + snippet,
                DIR.resolve("lib/inflow.sh").toString()), stdin);
    }

    private Result runCommand(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("script", ".out");
            Path err = Files.createTempFile("script", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("INFLOW_URL");
            builder.environment().remove("INFLOW_API_KEY");
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            // the demo takes about a minute on a quiet 2-core machine, and over four when other builds share it
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                // a killed bash runs no trap: its children (a demo's server and sandbox) would be left running, so
                // they are asked to stop first (SIGTERM: the server stops its embedded PostgreSQL too)
                List<ProcessHandle> children = process.children().toList();
                children.forEach(ProcessHandle::destroy);
                process.destroyForcibly();
                for (ProcessHandle child : children) {
                    child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
                }
                throw new AssertionError(command + " did not end within 10 minutes:\n" + Files.readString(out));
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
