package io.inflow.server.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Packs {@link PagedConnector} as a plugin author's build would: a PF4J manifest and the extension index. */
final class PagedPlugin {

    static final String ID = "paged";

    private PagedPlugin() {
    }

    /** Writes the plugin jar into {@code folder}. */
    static void writeTo(Path folder) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(new Attributes.Name("Plugin-Id"), ID);
        attributes.put(new Attributes.Name("Plugin-Version"), "1.0.0");
        attributes.put(new Attributes.Name("Plugin-Provider"), "server tests");
        String classFile = PagedConnector.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(folder.resolve(ID + ".jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest);
             InputStream bytes = PagedConnector.class.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new ZipEntry(classFile));
            bytes.transferTo(jar);
            jar.closeEntry();
            jar.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            jar.write((PagedConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
