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
 * {@code scripts/demo.sh}: its whole run, with the sandbox's rate limits off ({@code DEMO_NO_RATE_LIMITS=1}: the
 * same records and figures as the README's {@code bash scripts/demo.sh}, in under a minute instead of three), printed
 * as plain tables; and around a server that cannot start (its port is taken by something that never answers): the
 * demo notices the server is gone instead of polling for a minute, says why, stops the sandbox, and removes its
 * temporary folder unless asked to keep it. The jars are the ones the build made ({@code SKIP_BUILD=1}).
 */
class DemoScriptTest {

    @TempDir
    Path tmp;

    private final int sandboxPort = ServerJar.freePort();

    @Test
    void theDemoImportsEverySourceAndPrintsItsFiguresAsPlainTables() throws IOException {
        Map<String, String> environment = new java.util.HashMap<>(demoEnvironment(ServerJar.freePort()));
        environment.put("DEMO_NO_RATE_LIMITS", "1");

        Scripts.Result demo = new Scripts(environment).run("demo.sh");

        assertThat(demo.exitCode()).as(demo.all()).isZero();
        assertThat(demo.all()).as("no terminal escape sequence, no JSON").doesNotContain("\u001b")
                .doesNotContain("{\"");
        assertThat(demo.row("PLUGIN")).containsExactly("PLUGIN", "VERSION", "STATE");
        assertThat(demo.row("mindbody").get(2)).isEqualTo("STARTED");

        Scripts.Result imports = demo.after("==> Full imports of every connection, side by side");
        assertThat(imports.row("IMPORT")).containsExactly("IMPORT", "RUN", "STATUS", "INSERTED", "UPDATED",
                "UNCHANGED", "FAILED", "DELETED", "DURATION", "RECORDS/S");
        assertThat(imports.row("airtable").subList(2, 8)).containsExactly("succeeded", "20,077", "0", "0", "0", "0");
        assertThat(imports.row("airtable-archive").subList(2, 8))
                .containsExactly("succeeded", "2,000", "0", "0", "0", "0");
        assertThat(imports.row("toast").subList(2, 8)).containsExactly("succeeded", "5,995", "0", "0", "0", "0");
        assertThat(imports.row("gmail").subList(2, 8)).containsExactly("succeeded", "4,822", "0", "0", "0", "0");
        assertThat(imports.row("mindbody").subList(2, 8))
                .containsExactly("succeeded", "142,268", "0", "0", "0", "0");
        assertThat(demo.row("airtable again").subList(2, 8))
                .containsExactly("succeeded", "0", "0", "20,077", "0", "0");
        assertThat(demo.row("airtable, 77 gone").subList(2, 8))
                .containsExactly("succeeded", "0", "0", "20,000", "0", "77");

        Scripts.Result stats = demo.after("==> Each connection's stats (records per stream, the plugin's own figures)");
        assertThat(stats.out()).startsWith("\nairtable (connection 1, plugin airtable), open dead letters: 0\n"
                + "  STREAM         RECORDS  DELETED\n"
                + "  Conversations   20,000       77\n"
                + "  engagement: Conversations, bookings, leads created and engaged conversations, with their rates "
                + "in percent\n"
                + "    CONVERSATIONS  BOOKINGS   LEADS  ENGAGED  BOOKING_RATE  LEAD_RATE  ENGAGED_RATE\n"
                + "           20,000     3,111  13,853    7,879         15.56      69.27         39.40\n");
        assertThat(stats.row("clients")).containsExactly("clients", "6,539", "0");
        assertThat(stats.row("visits")).containsExactly("visits", "84,216", "0");
        // creating the connection checks it (a token and a page of clients); the full import reuses that token
        assertThat(stats.out()).contains("\n  daily quota: 491 of 1,000 calls used since ");
        assertThat(stats.row("TOTAL")).containsExactly("TOTAL", "ACTIVE", "INACTIVE");
        assertThat(stats.row("6,539")).containsExactly("6,539", "536", "6,003");
        assertThat(stats.row("5,953")).as("Toast's totals").containsExactly("5,953", "379,478.40", "63.75");
        assertThat(stats.row("4,800")).as("Gmail's mailbox totals").containsExactly("4,800", "3,101", "426", "138");

        Scripts.Result sandbox = demo.after("==> Sandbox statistics");
        assertThat(sandbox.row("API")).containsExactly("API", "REQUESTS", "VIOLATIONS", "RECORDS");
        // each connection's check at creation, then its imports
        assertThat(sandbox.row("airtable")).containsExactly("airtable", "624", "0", "Conversations 20,000");
        assertThat(sandbox.row("mindbody")).containsExactly("mindbody", "491", "0",
                "clients 6,539, classes 84, class_schedules 39,022, visits 84,216, sales 12,407");
        assertThat(demo.out()).contains("\n==> Done: every source imported; Airtable 20,077 records, then 20,077 "
                + "unchanged, then 77 deleted (20,000 left). Shutting down.\n");
        assertThat(contentsOf(tmp)).as("the demo's folder is removed").isEmpty();
        assertEverythingStopped();
    }

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
        return new Scripts(demoEnvironment(inflowPort));
    }

    private Map<String, String> demoEnvironment(int inflowPort) {
        return Map.of("SKIP_BUILD", "1", "TMPDIR", tmp.toString(),
                "INFLOW_PORT", Integer.toString(inflowPort),
                "INFLOW_ADMIN_PORT", Integer.toString(ServerJar.freePort()),
                "SANDBOX_PORT", Integer.toString(sandboxPort));
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
