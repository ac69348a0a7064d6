package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpaudit.testing.Samples;

/**
 * Golden tests in the style of LLVM's llvm-readobj tests: for every sample case (a folder with an
 * {@code original/} folder), the {@code check} output in YAML, JSON and text is stored beside the
 * case in {@code expected/} and compared byte for byte.
 *
 * <p>To regenerate after an intended change, run
 * {@code mvn -pl cli -am test -Dtest=GoldenTest -Dkpaudit.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false}
 * and review every diff ({@code git diff samples/}) before committing it.
 */
class GoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("kpaudit.golden.update");

    static Stream<Path> cases() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Samples.samples())) {
            for (Path d : s.filter(p -> p.getFileName().toString().equals("original") && Files.isDirectory(p))
                    .sorted().toList()) {
                out.add(d.getParent());
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(15);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void checkOutputMatchesExpected(Path caseDir) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--fail-on", "note"));
        try (Stream<Path> s = Files.list(caseDir.resolve("original"))) {
            for (Path t : s.sorted().toList()) {
                args.add("--target");
                args.add(t.toString());
            }
        }
        // a case whose patches are checked as named paths (a chain in argument order) lists them, relative
        // to the case, in expected/check.args; else the case folder is the one argument
        Path named = caseDir.resolve("expected").resolve("check.args");
        if (Files.isRegularFile(named)) {
            for (String line : Files.readAllLines(named, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    args.add(caseDir.resolve(line.trim()).toString());
                }
            }
        } else {
            args.add(caseDir.toString());
        }
        for (String[] fmt : new String[][] {{"yaml", "yaml"}, {"json", "json"}, {"text", "txt"}}) {
            List<String> a = new ArrayList<>(args);
            a.add(1, "--format");
            a.add(2, fmt[0]);
            CliRunner r = CliRunner.run(a.toArray(new String[0]));
            assertThat(r.exitCode()).as("exit code of %s", a).isIn(0, 1);
            String actual = normalise(r.out());
            Path expected = caseDir.resolve("expected").resolve("check." + fmt[1]);
            if (UPDATE) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            }
            assertThat(expected).as("golden file (regenerate with -Dkpaudit.golden.update=true)").exists();
            assertThat(actual).as("check --format %s of %s against %s", fmt[0], caseDir, expected)
                    .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        }
    }

    /** Paths relative to the repository, whatever the checkout's location. */
    static String normalise(String out) {
        String root = Samples.root().toString();
        return out.replace(root + "/", "").replace(root.replace("/", "\\/") + "\\/", "");
    }
}
