package org.kpaudit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the bundled samples/ folder of the repository from any module's tests. */
public final class Samples {

    private Samples() {
    }

    public static Path root() {
        String prop = System.getProperty("kpaudit.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "samples"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (samples/)");
    }

    public static Path samples() {
        return root().resolve("samples");
    }

    public static Path path(String relative) {
        return samples().resolve(relative);
    }

    /** Files under samples/ whose name ends with {@code suffix}, sorted. */
    public static List<Path> find(String suffix) {
        try (Stream<Path> s = Files.walk(samples())) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
