package org.kpaudit.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
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
            "  3  an input could not be read or is malformed (the other inputs are still processed)"})
public final class Main implements Runnable {

    /** The subcommands by name, in the order {@code kpaudit --help} lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("audit", AuditCommand.class);
        m.put("inspect", InspectCommand.class);
        m.put("check", CheckCommand.class);
        m.put("checks", ChecksCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("chain", ChainCommand.class);
        m.put("scan", ScanCommand.class);
        m.put("warm-up", WarmUpCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the most frequent short run answers without starting picocli (whose reading of the
            // annotations is most of a short run's own start-up); the same lines as picocli prints
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            return;
        }
        // stdout in UTF-8 (as --output files are) through one 64 KiB buffer: a long dump is not
        // pushed through System.out's locking PrintStream character by character
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.StandardCharsets.UTF_8),
                1 << 16), false);
        int code = run(args, out, new PrintWriter(System.err, true));
        out.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err, args);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // what was being built is unreachable once the error got here, so there is room to say it
            err.println("kpaudit: error: out of memory (" + e.getMessage() + "): the inputs need more heap than"
                    + " this JVM has; give it more with -Xmx (./kpaudit takes its JVM options from KPAUDIT_JAVA_OPTS)");
            return ExitCodes.UNREADABLE;
        }
    }

    /**
     * The command line for {@code args}. picocli reads a subcommand's annotations when it is added,
     * which is a good part of a short run's start-up time, so when the first argument names a
     * subcommand (other than {@code help}) only that one is added, and for a lone {@code --version}
     * none; otherwise (no arguments, an option, {@code help}, a typo) all of them are, for the usage
     * text and the suggestions.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        for (Class<?> c : SUBCOMMANDS.values()) {
            if (!versionOnly && (only == null || c == only)) {
                cl.addSubcommand(c); // before the settings below, which apply to the subcommands present
            }
        }
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
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kpaudit: usage error: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
