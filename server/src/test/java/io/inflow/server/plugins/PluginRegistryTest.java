package io.inflow.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.inflow.api.ApiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What becomes of jars that are no plugin, as an admin reads it in {@code GET /api/v1/plugins} and in the log. */
class PluginRegistryTest {

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private PluginRegistry registry;

    @BeforeEach
    void listen() {
        log.start();
        registryLogger().addAppender(log);
    }

    @AfterEach
    void stop() {
        registryLogger().detachAppender(log);
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void aCorruptJarIsNotAValidJarInWordsInTheListAndTheLog() throws IOException {
        Files.write(folder.resolve("corrupt.jar"), new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5});
        Files.writeString(folder.resolve("text.jar"), "not a zip at all");

        loadAll();

        for (String jar : List.of("corrupt.jar", "text.jar")) {
            PluginInfo info = registry.find(jar).orElseThrow();
            assertThat(info.state()).isEqualTo(PluginInfo.FAILED);
            assertThat(info.failure()).isEqualTo("it is not a valid jar (zip) file");
            assertThat(logged()).contains("Plugin jar " + jar + " failed to load: it is not a valid jar (zip) file");
        }
        assertThat(logged()).noneMatch(line -> line.contains("Exception"));
    }

    @Test
    void aJarWithoutADescriptorSaysItIsNotAPluginInWords() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(folder.resolve("no-descriptor.jar"));
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("not a plugin".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        loadAll();

        PluginInfo info = registry.find("no-descriptor.jar").orElseThrow();
        assertThat(info.state()).isEqualTo(PluginInfo.FAILED);
        assertThat(info.failure()).isEqualTo("it is not a PF4J plugin: its manifest has no Plugin-Id");
    }

    @Test
    void aPluginBuiltForAFutureApiIsRefusedWithTheRangeItNeedsAndTheVersionThisServerProvides() throws IOException {
        compilePlugin("future", "^2.0.0");

        loadAll();

        PluginInfo info = registry.find("future").orElseThrow();
        assertThat(info.state()).isEqualTo(PluginInfo.FAILED);
        assertThat(info.isUsable()).isFalse();
        assertThat(info.failure()).isEqualTo("built for plugin-api ^2.0.0 (its Plugin-Requires); this server provides "
                + "plugin-api " + ApiVersion.current());
        assertThat(logged()).contains("Plugin future (future.jar) is not loaded: " + info.failure());
    }

    @Test
    void aPluginWhoseRangeThisServerSatisfiesOrThatStatesNoneLoads() throws IOException {
        compilePlugin("current", "^" + ApiVersion.current());
        compilePlugin("older", "^1.0.0");
        compilePlugin("unversioned", null);

        loadAll();

        for (String id : List.of("current", "older", "unversioned")) {
            PluginInfo info = registry.find(id).orElseThrow();
            assertThat(info.failure()).as(id).isNull();
            assertThat(info.state()).as(id).isEqualTo("STARTED");
            assertThat(info.spec().orElseThrow().title()).isEqualTo("Connector " + id);
        }
    }

    @Test
    void aRangeThatIsNoRangeSaysSo() throws IOException {
        compilePlugin("garbled", "version one please");

        loadAll();

        assertThat(registry.find("garbled").orElseThrow().failure())
                .isEqualTo("its manifest's Plugin-Requires 'version one please' is not a version range such as ^"
                        + ApiVersion.current());
    }

    /**
     * A one-class connector plugin compiled here, against the plugin API on the test class path, as an integrator
     * would build it; {@code requires} is its Plugin-Requires entry, left out when null.
     */
    private void compilePlugin(String id, String requires) throws IOException {
        Path sources = Files.createDirectories(folder.getParent().resolve(folder.getFileName() + "-src-" + id));
        Path classes = Files.createDirectories(sources.resolve("classes"));
        Path source = sources.resolve("TestConnector.java");
        Files.writeString(source, """
                package %s;

                import io.inflow.api.*;
                import io.inflow.api.config.ConfigSchema;

                @org.pf4j.Extension
                public class TestConnector implements Connector {
                    public ConnectorSpec spec() {
                        return ConnectorSpec.of("Connector %s", ConfigSchema.of(), Limits.perSecond(1)).withStreams("s");
                    }
                    public void check(ConnectorContext context) {
                    }
                    public void read(String stream, Checkpoint checkpoint, ReadContext context) {
                    }
                }
                """.formatted(id, id));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path"), source.toString());
        assertThat(exit).as("javac of plugin " + id).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        if (requires != null) {
            manifest.getMainAttributes().putValue("Plugin-Requires", requires);
        }
        try (OutputStream file = Files.newOutputStream(folder.resolve(id + ".jar"));
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
    }

    private void loadAll() {
        registry = new PluginRegistry(folder, connector -> Optional.empty());
        registry.loadAll();
    }

    private List<String> logged() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Logger registryLogger() {
        return (Logger) LoggerFactory.getLogger(PluginRegistry.class);
    }
}
