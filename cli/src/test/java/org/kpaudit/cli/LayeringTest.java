package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

/** Only the parser module sees the generated Kaitai classes; no generated code is committed. */
class LayeringTest {

    @Test
    void onlyParserImportsGeneratedClasses() throws IOException {
        for (String module : List.of("analyzer", "report", "cli")) {
            Path src = Samples.root().resolve(module).resolve("src");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.kpaudit." + "formats");
                }
            }
        }
    }

    @Test
    void noGeneratedJavaInTheFormatsSources() throws IOException {
        try (Stream<Path> files = Files.walk(Samples.root().resolve("formats/src"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".java"))).isEmpty();
        }
    }
}
