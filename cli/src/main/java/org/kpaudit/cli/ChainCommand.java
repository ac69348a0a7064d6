package org.kpaudit.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.livepatch.LivepatchAnalyzer;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KernelSymbolsReader;
import org.kpaudit.parser.LivepatchParser;
import org.kpaudit.parser.MappedInput;
import org.kpaudit.report.LivepatchView;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpaudit chain MODULE...}: livepatch modules in load order, checked one by one and as a chain. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "chain",
        sortOptions = false,
        description = {
            "Check kernel livepatch modules (.ko) given in load order: each module's livepatch format (.klp.rela",
            "sections, .klp.sym symbols, klp structs; with --target also unexported symbols, old functions and",
            "ftrace entries), and what loading them in this order does: which patches a cumulative patch replaces,",
            "which functions it keeps, adds or reverts, functions stacked by non-cumulative patches, old_sympos",
            "differences, system states (klp_state) and callbacks of replaced patches that never run."},
        footer = {"", "Formats: yaml (default), json, text, sarif, junit.",
            "Verdict: FAIL (a finding at or above --fail-on), INCOMPLETE (the checks against the kernel did not",
            "run for want of --target, KL116; or an unreadable module), PASS.",
            "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (or INCOMPLETE with",
            "--require-complete), 2 usage error, 3 some input unreadable or not a kernel module (the others",
            "are still checked)."})
public final class ChainCommand implements Callable<Integer> {


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-t", "--target"}, paramLabel = "FILE",
            description = "The target's symbols: Module.symvers, System.map, /proc/kallsyms, or a vmlinux or module"
                    + " ELF with .symtab (gives ftrace sites too). Repeatable.")
    List<Path> targets = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: error).")
    FailOn failOn = FailOn.ERROR;

    @Mixin
    CompletenessOption completeness = new CompletenessOption();

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "Livepatch modules, in load order.")
    List<Path> modules;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.YAML,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT, OutputFormat.SARIF, OutputFormat.JUNIT));
        List<Problem> problems = new ArrayList<>();
        List<KernelSymbols> syms = new ArrayList<>();
        for (Path t : targets) {
            try {
                syms.add(KernelSymbolsReader.read(t));
            } catch (MalformedFileException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new Problem(t.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
            }
        }
        List<LivepatchModule> mods = new ArrayList<>();
        for (Path m : modules) {
            try {
                mods.add(read(m));
            } catch (MalformedFileException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new Problem(m.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
            }
        }
        LivepatchAnalyzer.Report report = LivepatchAnalyzer.run(mods, syms);
        org.kpaudit.analyzer.Verdict verdict = org.kpaudit.analyzer.Verdict.of(report.findings(), failOn.shown(),
                problems.size() + report.notifications().size(), mods.size());
        output.write(cl.getOut(), cl, w -> {
            List<org.kpaudit.analyzer.Notification> notes = new ArrayList<>();
            for (Problem p : problems) {
                notes.add(new org.kpaudit.analyzer.Notification("error", p.file(), p.offset(), p.reason(), null));
            }
            for (String n : report.notifications()) {
                notes.add(new org.kpaudit.analyzer.Notification("error", "", -1, n, null));
            }
            if (fmt == OutputFormat.JUNIT) {
                org.kpaudit.report.JUnitWriter.write("kpaudit chain", org.kpaudit.report.JUnitWriter.livepatchSuites(
                        report), notes, failOn.shown(), w);
            } else if (fmt == OutputFormat.SARIF) {
                org.kpaudit.report.SarifWriter.write(org.kpaudit.analyzer.AuditResult.ofFindings(report.findings(),
                        report.rules(), notes), VersionProvider.version(), verdict, w);
            } else {
                TreeWriter.write(LivepatchView.chain(report, verdict), fmt, w);
            }
        });
        for (Problem p : problems) {
            cl.getErr().println(ProblemFormat.line(p));
        }
        for (String n : report.notifications()) {
            cl.getErr().println("kpaudit: error: " + ProblemFormat.clean(n));
        }
        return completeness.exitCode(verdict, failOn, report.findings());
    }

    private static LivepatchModule read(Path p) throws IOException {
        ByteBuffer buf = MappedInput.map(p);
        FileKind kind = FileTypeDetector.detect(buf);
        if (kind != FileKind.LIVEPATCH_MODULE && kind != FileKind.KERNEL_MODULE) {
            throw new MalformedFileException(new Problem(p.toString(), 0, "not a kernel module (detected "
                    + InspectCommand.kindName(kind) + "); chain reads livepatch .ko files"));
        }
        return LivepatchParser.of(ElfParser.parse(p.toString(), buf));
    }
}
