package io.inflow.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.zip.ZipEntry;
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
