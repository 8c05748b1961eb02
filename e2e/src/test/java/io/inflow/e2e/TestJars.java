package io.inflow.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Builds broken plugin jars in a test's plugins folder. */
final class TestJars {

    private TestJars() {
    }

    /** A valid jar whose manifest has no {@code Plugin-Id}: PF4J cannot tell which plugin it is. */
    static void writeJarWithoutDescriptor(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("not a plugin".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
