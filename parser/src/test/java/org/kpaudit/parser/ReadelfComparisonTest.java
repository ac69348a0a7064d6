package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.testing.ReadelfComparison;
import org.kpaudit.testing.ReadelfOutput;
import org.kpaudit.testing.Samples;

/**
 * The parser against GNU readelf: every ELF sample and a few system libraries (run through
 * readelf here), and every embedded patch ELF (against the readelf output stored with it).
 */
class ReadelfComparisonTest {

    static Stream<Path> elfSamples() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Samples.samples())) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                if (FileTypeDetector.detect(p).isElf()) {
                    out.add(p);
                }
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("elfSamples")
    void sampleMatchesReadelf(Path elfPath) throws Exception {
        assumeTrue(ReadelfOutput.available(), "readelf is not installed (.ci/run installs binutils)");
        ElfFile elf = ElfParser.parse(elfPath);
        ReadelfComparison.assertMatches(elf, ReadelfOutput.run(elfPath));
    }

    static Stream<Path> systemLibraries() {
        return Stream.of("/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6",
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/bin/ls")
                .map(Path::of).filter(Files::isRegularFile);
    }

    @ParameterizedTest
    @MethodSource("systemLibraries")
    void systemLibraryMatchesReadelf(Path lib) throws Exception {
        assumeTrue(ReadelfOutput.available(), "readelf is not installed (.ci/run installs binutils)");
        ElfFile elf = ElfParser.parse(lib.toRealPath());
        ReadelfComparison.assertMatches(elf, ReadelfOutput.run(lib.toRealPath()));
        assertThat(elf.buildId()).isPresent();
    }

    @Test
    void aSystemLibraryIsThere() {
        assertThat(systemLibraries()).as("libc.so.6 of a Debian machine").isNotEmpty();
    }

    static Stream<Path> storedReadelfOutputs() {
        List<Path> out = Samples.find(".txt").stream()
                .filter(p -> p.getFileName().toString().startsWith("readelf-embedded-elf-")).toList();
        assertThat(out).hasSizeGreaterThanOrEqualTo(20);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("storedReadelfOutputs")
    void embeddedElfMatchesStoredReadelf(Path txt) throws IOException {
        String n = txt.getFileName().toString();
        String bid8 = n.substring("readelf-embedded-elf-".length(), n.length() - ".txt".length());
        Path patchDir = txt.getParent().getParent().resolve("patch");
        Path patch;
        try (Stream<Path> s = Files.list(patchDir)) {
            patch = s.filter(x -> x.getFileName().toString().startsWith(bid8)).findFirst().orElseThrow();
        }
        assertThat(FileTypeDetector.detect(patch)).isEqualTo(FileKind.KPATCH);
        KpatchFile k = KpatchParser.parse(patch);
        ReadelfOutput ro = ReadelfOutput.parse(Files.readString(txt));
        assertThat(ro.sections).isNotEmpty();
        assertThat(ro.symbols).containsKey(".symtab");
        ReadelfComparison.assertMatches(k.elf(), ro);
    }
}
