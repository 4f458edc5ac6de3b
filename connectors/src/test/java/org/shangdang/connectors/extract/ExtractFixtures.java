package org.shangdang.connectors.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies fixture documents of the fixtures module from the classpath to a directory, as a watched folder holds them. */
final class ExtractFixtures {

    private ExtractFixtures() {
    }

    /** {@code fixtures/documents/<name>} copied into {@code dir}. */
    static Path copy(String name, Path dir) {
        String resource = "fixtures/documents/" + name;
        try (InputStream in = ExtractFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
