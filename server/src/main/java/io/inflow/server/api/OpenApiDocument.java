package io.inflow.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3 description of {@code /api/v1}, written by hand in {@code openapi.json} next to this class so that
 * its descriptions, error codes and examples are written for people; {@code OpenApiDocumentTest} fails the build
 * when it no longer matches the resources' annotations and the records they answer.
 *
 * @param json the document's text
 */
public record OpenApiDocument(String json) {

    /** Where the document lives on the class path. */
    public static final String RESOURCE = "openapi.json";

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the server's class path");
            }
            return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
