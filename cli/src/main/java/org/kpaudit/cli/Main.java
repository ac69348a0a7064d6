package org.kpaudit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code kpaudit} command. */
@Command(name = "kpaudit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Reads live patches (LibcarePlus .kpatch files, kernel livepatch modules) and the ELF objects they",
            "target, and tells whether a patch is what it claims to be and safe to apply."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success, nothing at or above the failure threshold",
            "  1  findings at or above the failure threshold (check, chain, scan, audit)",
            "  2  usage error (bad option, bad policy file)",
            "  3  an input could not be read or is malformed (the other inputs are still processed)"},
        subcommands = {
            AuditCommand.class,
            InspectCommand.class,
            DiffCommand.class,
            CheckCommand.class,
            ChecksCommand.class,
            ChainCommand.class,
            ScanCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("kpaudit: internal error: " + ex);
            if (System.getenv("KPAUDIT_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.UNREADABLE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kpaudit: usage error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
