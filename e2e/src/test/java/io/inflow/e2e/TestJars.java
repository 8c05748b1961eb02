package io.inflow.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars, broken in various ways, in a test's plugins folder. */
final class TestJars {

    private TestJars() {
    }

    /** A valid jar whose manifest has no {@code Plugin-Id}: PF4J cannot tell which plugin it is. */
    static void writeJarWithoutDescriptor(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            add(out, "README.txt", "not a plugin".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A plugin whose {@code Plugin.start()} throws. */
    static void writePluginThatThrowsOnStart(Path jar) throws IOException {
        writePlugin(jar, "exploding", "test.exploding.ExplodingPlugin", """
                package test.exploding;
                public class ExplodingPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("exploding on purpose");
                    }
                }
                """);
    }

    /** A plugin whose {@code Plugin.start()} prints {@code marker} and then hangs for ten minutes. */
    static void writePluginThatHangsOnStart(Path jar, String marker) throws IOException {
        writePlugin(jar, "hanging", "test.hanging.HangingPlugin", """
                package test.hanging;
                public class HangingPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        System.out.println("%s");
                        System.out.flush();
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                """.formatted(marker));
    }

    /** A well-formed plugin that offers no {@code Connector} extension. */
    static void writePluginWithoutConnector(Path jar) throws IOException {
        writePlugin(jar, "no-connector", "test.empty.EmptyPlugin", """
                package test.empty;
                public class EmptyPlugin extends org.pf4j.Plugin {
                }
                """);
    }

    /** Compiles one plugin class against the test classpath and packs it with a PF4J manifest. */
    private static void writePlugin(Path jar, String pluginId, String pluginClass, String source) throws IOException {
        writePlugin(jar, Map.of("Plugin-Id", pluginId, "Plugin-Version", "1.0.0", "Plugin-Class", pluginClass),
                Map.of(pluginClass, source), List.of());
    }

    /**
     * A plugin as a plugin author's build makes it: its classes (a {@code Connector} and whatever library it
     * bundles) compiled against the test classpath, where plugin-api and PF4J come from as they would from
     * {@code provided} scope, a PF4J manifest, and the extension index PF4J's annotation processor would write.
     *
     * @param sources Java source by fully qualified class name
     * @param extensions the classes PF4J offers as extensions
     */
    static void writeConnectorPlugin(Path jar, String pluginId, String version, Map<String, String> sources,
                                     List<String> extensions) throws IOException {
        writePlugin(jar, Map.of("Plugin-Id", pluginId, "Plugin-Version", version, "Plugin-Provider", "e2e tests"),
                sources, extensions);
    }

    private static void writePlugin(Path jar, Map<String, String> manifestEntries, Map<String, String> sources,
                                    List<String> extensions) throws IOException {
        String pluginId = manifestEntries.get("Plugin-Id");
        Path work = Files.createTempDirectory("plugin-" + pluginId);
        List<String> sourceFiles = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path sourceFile = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(sourceFile.getParent());
            Files.writeString(sourceFile, source.getValue());
            sourceFiles.add(sourceFile.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        arguments.addAll(sourceFiles);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int exit = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new IOException("could not compile the test plugin " + pluginId);
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestEntries.forEach((key, value) -> attributes.put(new Attributes.Name(key), value));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path classFile : compiled.filter(Files::isRegularFile).sorted().toList()) {
                add(out, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
            }
            if (!extensions.isEmpty()) {
                add(out, "META-INF/extensions.idx", (String.join("\n", extensions) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
