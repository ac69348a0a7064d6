package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.report.OutputFormat;

/**
 * Each command's {@code --help} names its formats and its default ("Formats: yaml (default), json,
 * ..."); what it names is what the command accepts, and every other format is a usage error.
 * Inputs that do not exist make an accepted format end in exit 3 (unreadable input), a refused one
 * in exit 2 before any input is read.
 */
class FormatsHelpTest {

    private static final Pattern FORMATS = Pattern.compile("(?m)^Formats: (.+)\\.$");

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "check", "checks", "diff", "chain", "scan"})
    void helpListsExactlyTheFormatsTheCommandAccepts(String command, @TempDir Path dir) {
        CliRunner help = CliRunner.run(command, "--help");
        Matcher m = FORMATS.matcher(help.out());
        assertThat(m.find()).as(command + " --help has a Formats: line").isTrue();
        List<String> listed = new ArrayList<>();
        String dflt = null;
        for (String f : m.group(1).split(", ")) {
            if (f.endsWith(" (default)")) {
                f = f.substring(0, f.length() - " (default)".length());
                assertThat(dflt).as(command + ": one default").isNull();
                dflt = f;
            }
            listed.add(f);
        }
        assertThat(dflt).as(command + ": a default").isNotNull();

        String[] inputs = switch (command) {
            case "checks" -> new String[0];
            case "diff" -> new String[] {dir.resolve("old.kpatch").toString(), dir.resolve("new.kpatch").toString()};
            default -> new String[] {dir.resolve("missing").toString()};
        };
        for (OutputFormat f : OutputFormat.values()) {
            List<String> args = new ArrayList<>(List.of(command, "-f", f.id()));
            args.addAll(Arrays.asList(inputs));
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            if (listed.contains(f.id())) {
                assertThat(r.exitCode()).as(command + " -f " + f.id() + ": " + r.err())
                        .isEqualTo(command.equals("checks") ? ExitCodes.OK : ExitCodes.UNREADABLE);
            } else {
                assertThat(r.exitCode()).as(command + " -f " + f.id()).isEqualTo(ExitCodes.USAGE);
                assertThat(r.err()).contains("format '" + f.id() + "' is not available here");
            }
        }
    }
}
