package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.diff.PatchDiff;
import org.kpaudit.analyzer.diff.PatchDiffer;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.report.DiffView;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kpaudit diff OLD NEW}: what changed from one patch to the next. */
@Command(name = "diff",
        sortOptions = false,
        description = {
            "Compare two .kpatch files: header changes, functions added, removed or changed (code size,",
            "original location, relocations), imports added or removed, relocation counts by type."},
        footer = {"", "Exit codes: 0 compared (whether or not they differ), 2 usage error, 3 an input unreadable."})
public final class DiffCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "OLD", description = "The older patch.")
    Path oldPatch;

    @Parameters(index = "1", paramLabel = "NEW", description = "The newer patch.")
    Path newPatch;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.TEXT,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT));
        KpatchFile a;
        KpatchFile b;
        try {
            a = read(oldPatch);
            b = read(newPatch);
        } catch (MalformedFileException e) {
            cl.getErr().println(ProblemFormat.line(e.problem()));
            return ExitCodes.UNREADABLE;
        }
        PatchDiff d = PatchDiffer.diff(a, b);
        output.write(cl.getOut(), cl, w -> TreeWriter.write(DiffView.tree(d), fmt, w));
        return ExitCodes.OK;
    }

    private static KpatchFile read(Path p) {
        try {
            java.nio.ByteBuffer buf = org.kpaudit.parser.MappedInput.map(p);
            if (FileTypeDetector.detect(buf) != FileKind.KPATCH) {
                throw new MalformedFileException(new Problem(p.toString(), 0, "not a .kpatch file (no KPATCH1 magic)"));
            }
            return KpatchParser.parse(p.toString(), buf);
        } catch (IOException e) {
            throw new MalformedFileException(new Problem(p.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
        }
    }
}
