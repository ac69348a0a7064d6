package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.diff.AuditDiff;
import org.kpaudit.model.Problem;
import org.kpaudit.report.DiffView;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import org.kpaudit.report.html.DiffHtml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpaudit diff OLD NEW}: what changed from one patch (or set of patches) to the next. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "diff",
        sortOptions = false,
        description = {
            "Compare two .kpatch files, or two directories/archives of patches (chains): patches added or removed,",
            "for each matching patch (same build-id and id) the header, functions added, removed or changed",
            "(code size, original location, relocations), imports and relocation counts; for each chain the",
            "function whose winning patch changed; and the findings the new side has that the old one did not."},
        footer = {"", "Formats: text (default), yaml, json, html.",
            "Exit codes: 0 compared and no new finding at or above --fail-on, 1 new findings at or above",
            "it, 2 usage error, 3 an input unreadable."})
public final class DiffCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--target", paramLabel = "FILE",
            description = "Target binaries for the checks of both sides (repeatable; each patch takes the one with its build-id).")
    List<Path> targets = new ArrayList<>();

    @Option(names = "--sysroot", paramLabel = "DIR", description = "Root of the system the patches are for.")
    Path sysroot;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a new finding reaches this severity: ${COMPLETION-CANDIDATES} (default: error).")
    FailOn failOn = FailOn.ERROR;

    @Parameters(index = "0", paramLabel = "OLD", description = "The older patch, or directory/archive of patches.")
    Path oldPatch;

    @Parameters(index = "1", paramLabel = "NEW", description = "The newer patch, or directory/archive of patches.")
    Path newPatch;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.TEXT,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT, OutputFormat.HTML));
        CheckRun a = CheckRun.runAsOneSet(List.of(oldPatch), targets, sysroot, Policy.defaults());
        CheckRun b = CheckRun.runAsOneSet(List.of(newPatch), targets, sysroot, Policy.defaults());
        List<Notification> errors = new ArrayList<>();
        for (CheckRun r : List.of(a, b)) {
            r.result().notifications().stream().filter(n -> n.level().equals("error")).forEach(errors::add);
        }
        for (Path p : List.of(oldPatch, newPatch)) {
            boolean none = (p.equals(oldPatch) ? a : b).models().isEmpty();
            if (none && Files.exists(p) && errors.stream().noneMatch(n -> n.file().startsWith(p.toString()))) {
                errors.add(new Notification("error", p.toString(), 0, "no .kpatch file in it", null));
            }
        }
        if (!errors.isEmpty()) {
            for (Notification n : errors) {
                cl.getErr().println(ProblemFormat.line(n.level(), new Problem(n.file(), n.offset(), n.message())));
            }
            return ExitCodes.UNREADABLE;
        }
        AuditDiff d = AuditDiff.of(oldPatch.toString(), a, newPatch.toString(), b);
        output.write(cl.getOut(), cl, w -> {
            if (fmt == OutputFormat.HTML) {
                DiffHtml.write(d, VersionProvider.version(), w);
            } else {
                TreeWriter.write(DiffView.tree(d), fmt, w);
            }
        });
        return failOn.fails(d.newFindings()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
