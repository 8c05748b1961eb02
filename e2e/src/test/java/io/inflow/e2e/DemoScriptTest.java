package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo.sh} around a server that cannot start (its port is taken by something that never answers):
 * the demo notices the server is gone instead of polling for a minute, says why, stops the sandbox, and removes its
 * temporary folder unless asked to keep it. The jars are the ones the build made ({@code SKIP_BUILD=1}); the demo's
 * success path is the README's {@code bash scripts/demo.sh}, too long for a test (a minute of Airtable's rate limit).
 */
class DemoScriptTest {

    @TempDir
    Path tmp;

    private final int sandboxPort = ServerJar.freePort();

    @Test
    void aDemoWhoseServerCannotStartSaysWhyAndRemovesItsFolder() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Scripts.Result demo = demo(taken.getLocalPort()).run("demo.sh");

            assertThat(demo.exitCode()).as(demo.all()).isEqualTo(1);
            assertThat(demo.err()).as(demo.all())
                    .contains("port " + taken.getLocalPort() + " is in use; set INFLOW_PORT")
                    .contains("--- the server exited with status 1")
                    .contains("DEMO FAILED: the server ended before it answered at http://localhost:"
                            + taken.getLocalPort() + "/api/v1/health")
                    .contains("bash scripts/demo.sh --keep keeps them")
                    .doesNotContain("did not come up");
        }
        assertThat(contentsOf(tmp)).as("the demo's folder is removed").isEmpty();
        assertEverythingStopped();
    }

    @Test
    void keepKeepsTheDemoFolderAndSaysWhereItIs() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Scripts.Result demo = demo(taken.getLocalPort()).run("demo.sh", "--keep");

            assertThat(demo.exitCode()).as(demo.all()).isEqualTo(1);
            List<Path> kept = contentsOf(tmp);
            assertThat(kept).as(demo.all()).hasSize(1);
            assertThat(demo.out()).contains("Kept the demo folder: " + kept.get(0) + " (server.log, sandbox.log, data/)");
            assertThat(kept.get(0).resolve("server.log")).content()
                    .contains("port " + taken.getLocalPort() + " is in use; set INFLOW_PORT");
            assertThat(kept.get(0).resolve("sandbox.log")).exists();
        }
        assertEverythingStopped();
    }

    @Test
    void anUnknownArgumentIsRefusedBeforeAnythingStarts() {
        Scripts.Result demo = demo(ServerJar.freePort()).run("demo.sh", "--kep");

        assertThat(demo.exitCode()).as(demo.all()).isEqualTo(2);
        assertThat(demo.err()).contains("demo.sh: unknown argument '--kep'").contains("usage: bash scripts/demo.sh [--keep]");
        assertThat(contentsOf(tmp)).isEmpty();
    }

    private Scripts demo(int inflowPort) {
        return new Scripts(Map.of("SKIP_BUILD", "1", "TMPDIR", tmp.toString(),
                "INFLOW_PORT", Integer.toString(inflowPort),
                "INFLOW_ADMIN_PORT", Integer.toString(ServerJar.freePort()),
                "SANDBOX_PORT", Integer.toString(sandboxPort)));
    }

    private static List<Path> contentsOf(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** No PostgreSQL runs on the demo's data folder, and the sandbox's port is free again. */
    private void assertEverythingStopped() throws IOException {
        assertThat(ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(tmp.toString()))
                .toList()).as("processes on the demo's folder").isEmpty();
        try (ServerSocket sandbox = new ServerSocket(sandboxPort)) {
            assertThat(sandbox.isBound()).as("the sandbox's port is free").isTrue();
        }
    }
}
