package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins are isolated from each other, and the server watches its plugins folder: every jar here reaches the
 * running server by being copied into the folder, never through {@code POST /plugins/rescan}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PluginIsolationTest {

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("plugins.watch", "true"),
            TestServer.setting("plugins.quietPeriod", "300ms"));
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @TempDir
    Path work;

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneLibraryEachImportWithTheirOwn() throws Exception {
        Path greetA = work.resolve("greet-a.jar");
        Path greetB = work.resolve("greet-b.jar");
        writeGreetingPlugin(greetA, "greet-a", "1.0.0", GREETING_V1, "new Greeting(\"record \" + i).text()");
        writeGreetingPlugin(greetB, "greet-b", "1.0.0", GREETING_V2, "Greeting.of(\"record \" + i).text(\"!\")");

        Files.copy(greetA, SERVER.pluginsDir.resolve("greet-a.jar"));
        Files.copy(greetB, SERVER.pluginsDir.resolve("greet-b.jar"));
        awaitState("greet-a", "STARTED");
        awaitState("greet-b", "STARTED");
        long a = IMPORTS.createConnection(connection("greet-a", "greetings-a"));
        long b = IMPORTS.createConnection(connection("greet-b", "greetings-b"));

        JsonNode runA = IMPORTS.run(a, "full");
        JsonNode runB = IMPORTS.run(b, "full");

        assertThat(runA.path("status").asText()).as("%s", runA).isEqualTo("succeeded");
        assertThat(runB.path("status").asText()).as("%s", runB).isEqualTo("succeeded");
        assertThat(runA.path("counts").path("inserted").asLong()).isEqualTo(3);
        assertThat(runB.path("counts").path("inserted").asLong()).isEqualTo(3);
        assertThat(count(a, "payload->>'library' = '1.0'")).isEqualTo(3);
        assertThat(count(a, "payload->>'greeting' = 'Hello, record 2'")).isEqualTo(1);
        assertThat(count(a, "payload->>'library' <> '1.0'")).isZero();
        assertThat(count(b, "payload->>'library' = '2.0'")).isEqualTo(3);
        assertThat(count(b, "payload->>'greeting' = 'Hi record 2!'")).isEqualTo(1);
        assertThat(count(b, "payload->>'library' <> '2.0'")).isZero();
    }

    @Test
    void aJarCopiedIntoTheFolderIsListedAndADeletedOneDisappearsWithoutARescanCall() throws Exception {
        Path example = Path.of(System.getProperty("inflow.example.jar"));
        assertThat(plugin("notes")).isNull();

        Files.copy(example, SERVER.pluginsDir.resolve("notes.jar"));

        awaitState("notes", "STARTED");

        Files.delete(SERVER.pluginsDir.resolve("notes.jar"));

        await().atMost(WITHIN).until(() -> plugin("notes") == null);
        assertThat(plugin("airtable").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void aJarSeenHalfCopiedFailsAndIsLoadedOnceItsCopyCompletes() throws Exception {
        byte[] jar = Files.readAllBytes(Path.of(System.getProperty("inflow.example.jar")));
        Path target = SERVER.pluginsDir.resolve("notes-slow.jar");

        Files.write(target, Arrays.copyOf(jar, jar.length / 2));

        awaitState("notes-slow.jar", "FAILED");

        try (OutputStream rest = Files.newOutputStream(target, StandardOpenOption.APPEND)) {
            rest.write(jar, jar.length / 2, jar.length - jar.length / 2);
        }

        awaitState("notes", "STARTED");
        assertThat(plugin("notes-slow.jar")).isNull();
        Files.delete(target);
        await().atMost(WITHIN).until(() -> plugin("notes") == null);
    }

    @Test
    void aJarCopiedOverALoadedOneIsLoadedAgainInItsNewVersion() throws Exception {
        Path first = work.resolve("first.jar");
        Path second = work.resolve("second.jar");
        writeGreetingPlugin(first, "greet-upgraded", "1.0.0", GREETING_V1, "new Greeting(\"record \" + i).text()");
        writeGreetingPlugin(second, "greet-upgraded", "2.0.0", GREETING_V2, "Greeting.of(\"record \" + i).text(\"!\")");
        Path installed = SERVER.pluginsDir.resolve("greet-upgraded.jar");
        Files.copy(first, installed);
        await().atMost(WITHIN).until(() -> "1.0.0".equals(versionOf("greet-upgraded")));
        long upgraded = IMPORTS.createConnection(connection("greet-upgraded", "upgraded"));

        Files.copy(second, installed, StandardCopyOption.REPLACE_EXISTING);

        await().atMost(WITHIN).until(() -> "2.0.0".equals(versionOf("greet-upgraded")));
        awaitState("greet-upgraded", "STARTED");
        assertThat(IMPORTS.run(upgraded, "full").path("counts").path("inserted").asLong()).isEqualTo(3);
        assertThat(count(upgraded, "payload->>'library' = '2.0'")).isEqualTo(3);
    }

    private static JsonNode connection(String plugin, String name) {
        return Json.parse("{\"plugin\":\"" + plugin + "\",\"name\":\"" + name + "\",\"config\":{}}");
    }

    private static long count(long connection, String condition) {
        return SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection
                + " AND " + condition);
    }

    private static void awaitState(String pluginId, String state) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> plugin(pluginId) != null && state.equals(plugin(pluginId).path("state").asText()));
    }

    private static String versionOf(String pluginId) {
        JsonNode plugin = plugin(pluginId);
        return plugin == null ? null : plugin.path("version").asText();
    }

    private static JsonNode plugin(String id) {
        for (JsonNode plugin : IMPORTS.get("/plugins").body()) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        return null;
    }

    /** Version 1 of a library both plugins bundle: a constructor and {@code text()}. */
    private static final String GREETING_V1 = """
            package com.example.shared;
            public final class Greeting {
                private final String name;
                public Greeting(String name) {
                    this.name = name;
                }
                public String text() {
                    return "Hello, " + name;
                }
                public static String version() {
                    return "1.0";
                }
            }
            """;

    /** Version 2 of the same class, incompatible with version 1: a factory and {@code text(punctuation)}. */
    private static final String GREETING_V2 = """
            package com.example.shared;
            public final class Greeting {
                private final String name;
                private Greeting(String name) {
                    this.name = name;
                }
                public static Greeting of(String name) {
                    return new Greeting(name);
                }
                public String text(String punctuation) {
                    return "Hi " + name + punctuation;
                }
                public static String version() {
                    return "2.0";
                }
            }
            """;

    /**
     * A connector plugin whose one stream holds three records, each greeting with the bundled library and
     * naming the library's version.
     */
    private static void writeGreetingPlugin(Path jar, String pluginId, String version, String library,
                                            String greetingExpression) throws IOException {
        String pkg = "test." + pluginId.replace('-', '_');
        String connector = """
                package %s;
                import com.example.shared.Greeting;
                import io.inflow.api.Checkpoint;
                import io.inflow.api.Connector;
                import io.inflow.api.ConnectorContext;
                import io.inflow.api.ConnectorSpec;
                import io.inflow.api.Limits;
                import io.inflow.api.ReadContext;
                import io.inflow.api.config.ConfigSchema;
                import io.inflow.api.record.Batch;
                import io.inflow.api.record.Record;
                import java.time.Instant;
                import java.util.ArrayList;
                import java.util.List;
                public final class GreetingConnector implements Connector {
                    @Override
                    public ConnectorSpec spec() {
                        return new ConnectorSpec("Greetings", "greets with its own library", ConfigSchema.of(),
                                Limits.perSecond(10), List.of("greetings"));
                    }
                    @Override
                    public void check(ConnectorContext context) {
                    }
                    @Override
                    public void read(String stream, Checkpoint checkpoint, ReadContext context) {
                        List<Record> records = new ArrayList<>();
                        for (int i = 1; i <= 3; i++) {
                            String greeting = %s;
                            records.add(new Record(stream, "g" + i, "{\\"greeting\\":\\"" + greeting
                                    + "\\",\\"library\\":\\"" + Greeting.version() + "\\"}",
                                    Instant.parse("2024-01-01T00:00:00Z")));
                        }
                        context.commit(new Batch(records, Checkpoint.of("done", "true")));
                    }
                }
                """.formatted(pkg, greetingExpression);
        TestJars.writeConnectorPlugin(jar, pluginId, version,
                Map.of("com.example.shared.Greeting", library, pkg + ".GreetingConnector", connector),
                List.of(pkg + ".GreetingConnector"));
    }
}
