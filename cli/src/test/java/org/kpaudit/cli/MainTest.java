package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

/** The top-level command: subcommand list, usage errors, the hidden warm-up command. */
class MainTest {

    @Test
    void helpListsEverySubcommandButTheHiddenOne() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        String commands = r.out().substring(r.out().indexOf("Commands:"));
        assertThat(commands).containsSubsequence("  audit ", "  inspect ", "  check ", "  checks ", "  diff ", "  chain ",
                "  scan ", "  help ")
                .doesNotContain("warm-up");
    }

    @Test
    void aSubcommandNamedFirstIsTheOnlyOneBuilt() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        assertThat(Main.commandLine(none, none, "check", "x.kpatch").getSubcommands()).containsOnlyKeys("check");
        // audit, inspect, check, checks, diff, chain, scan, warm-up (hidden), help
        assertThat(Main.commandLine(none, none, "help", "check").getSubcommands()).hasSize(9);
        assertThat(Main.commandLine(none, none, "-V", "--help").getSubcommands()).hasSize(9);
        // a lone --version needs none of them
        assertThat(Main.commandLine(none, none, "-V").getSubcommands()).isEmpty();
        assertThat(Main.commandLine(none, none, "--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine(none, none).getSubcommands()).hasSize(9);
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRunner r = CliRunner.run("chek", "x.kpatch");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unmatched arguments from index 0: 'chek'").contains("Try 'kpaudit --help'.");
    }

    @Test
    void helpOfASubcommandIsItsUsage() {
        CliRunner r = CliRunner.run("help", "check");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("Usage: kpaudit check ").contains("--fail-on=LEVEL");
    }

    @Test
    void warmUpRunsEveryCommandOnTheSamplesAndPrintsNothing() {
        CliRunner r = CliRunner.run("warm-up", Samples.root().resolve("samples").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void warmUpFailsLoudlyWhenTheSamplesAreMissing() {
        CliRunner r = CliRunner.run("warm-up", Samples.root().resolve("no-such-samples").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no-such-samples is not a directory");
    }
}
