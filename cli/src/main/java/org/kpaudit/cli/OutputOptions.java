package org.kpaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.kpaudit.report.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, the same in every command. */
public final class OutputOptions {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format; this command's formats and its default are listed below.")
    OutputFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the output to FILE (replaced atomically) instead of standard output.")
    Path output;

    /** The chosen format, after checking that the command supports it. */
    public OutputFormat format(CommandLine cl, OutputFormat dflt, Set<OutputFormat> allowed) {
        OutputFormat f = format == null ? dflt : format;
        if (!allowed.contains(f)) {
            throw new CommandLine.ParameterException(cl, "format '" + f.id() + "' is not available here; use one of "
                    + allowed.stream().map(OutputFormat::id).sorted().toList());
        }
        return f;
    }

    /** Writes the output: to {@code --output} through a temporary file beside it, else to stdout. */
    public void write(PrintWriter stdout, CommandLine cl, Body body) throws IOException {
        if (output == null) {
            body.write(stdout);
            stdout.flush();
            return;
        }
        Path target = output.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "--output: directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(cl, "--output: " + output + " is a directory");
        }
        AtomicFiles.write(target, body);
    }

    /** Produces the output on a writer. */
    @FunctionalInterface
    public interface Body {
        void write(Writer w) throws IOException;
    }
}
