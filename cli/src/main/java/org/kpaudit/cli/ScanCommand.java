package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.CheckRegistry;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.scan.PatchScanner;
import org.kpaudit.analyzer.scan.ScanChecks;
import org.kpaudit.analyzer.scan.ScanOptions;
import org.kpaudit.analyzer.scan.ScanResult;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.parser.LiveProcess;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.ScanView;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpaudit scan CORE... | --pid PID}: applied patches and unexplained hooks in a process image. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Find the LibcarePlus patches applied in core dumps or in a running process",
            "(read-only: /proc/PID/maps and /proc/PID/mem; never attached or stopped),",
            "verify each patched function's entry jump and saved bytes, rebuild the",
            "stacking order of patches of one function, and report anomalies: entry",
            "jumps no patch explains (SC101), patches no longer in effect (SC102),",
            "build-id mismatches (SC103), regions of no mapped object (SC104), applied",
            "patches that differ from their file (SC105, with --patches), saved bytes that are",
            "not the file's (SC106), anonymous executable code (SC107). Without the mapped",
            "objects' files (cores from other machines) hooks are found from memory alone,",
            "and what could not be compared is reported (SC201-SC203): the verdict is then",
            "INCOMPLETE, never PASS."},
        footer = {"", "Formats: yaml (default), json, text, sarif, junit.",
            "Verdict: FAIL (a finding at or above --fail-on), INCOMPLETE (something could not",
            "be verified: a mapped file absent, bytes not in the core; see the SC2xx notes), PASS.",
            "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (or",
            "INCOMPLETE with --require-complete), 2 usage error, 3 an input could not be read",
            "(reported on stderr; the other inputs are still scanned)."})
public final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--pid", paramLabel = "PID", description = "Scan this running process instead of core files.")
    Long pid;

    @Option(names = "--patches", paramLabel = "DIR",
            description = "Compare every applied patch with the .kpatch file of DIR (searched recursively) that has"
                    + " the same id and build-id.")
    Path patches;

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "Find the mapped files under DIR (a copy of the machine's file system) to read build-ids"
                    + " missing from a core and to compare every function entry with its file. Default for --pid: /.")
    Path sysroot;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: error).")
    FailOn failOn = FailOn.ERROR;

    @Mixin
    CompletenessOption completeness = new CompletenessOption();

    @Mixin
    ObjectFileOptions files = new ObjectFileOptions();

    @Mixin
    BaselineOptions baselines = new BaselineOptions();

    @Parameters(arity = "0..*", paramLabel = "CORE", description = "Core dump files (ELF ET_CORE) to scan.")
    List<Path> cores = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.YAML,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT, OutputFormat.SARIF, OutputFormat.JUNIT));
        if ((pid == null) == cores.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give either core files or --pid PID (not both)");
        }
        InputFiles.requireDirectories(cl, patches, sysroot);
        List<org.kpaudit.analyzer.scan.ObjectFileSource> sources = files.sources(cl, System.getenv());
        baselines.load(cl);
        List<ScanResult> results = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (pid != null) {
            ScanOptions opt = new ScanOptions(sysroot != null ? sysroot : Path.of("/"), patches, sources);
            try (MemoryImage img = LiveProcess.open(pid)) {
                results.add(PatchScanner.scan(img, opt));
            } catch (MalformedFileException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new Problem("pid " + pid, -1, "cannot read: " + InspectCommand.ioReason(e)));
            }
        }
        ScanOptions opt = new ScanOptions(sysroot, patches, sources);
        for (Path c : cores) {
            try (MemoryImage img = CoreParser.open(c)) {
                results.add(PatchScanner.scan(img, opt));
            } catch (MalformedFileException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new Problem(c.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
            }
        }
        List<Finding> found = new ArrayList<>();
        for (ScanResult r : results) {
            found.addAll(ScanChecks.run(r));
        }
        found.sort(Finding.ORDER);
        List<Finding> findings = baselines.review(cl, found, List.of(), new ArrayList<>());
        baselines.writeIfAsked(cl, findings);
        org.kpaudit.analyzer.Verdict verdict = org.kpaudit.analyzer.Verdict.of(findings, failOn.shown(),
                problems.size(), results.size() + problems.size());
        Map<String, Object> tree = ScanView.report(results, findings, CheckRegistry.rules(), failOn.shown(), verdict);
        output.write(cl.getOut(), cl, w -> {
            List<org.kpaudit.analyzer.Notification> notes = new ArrayList<>();
            for (Problem p : problems) {
                notes.add(new org.kpaudit.analyzer.Notification("error", p.file(), p.offset(), p.reason(), null));
            }
            if (fmt == OutputFormat.JUNIT) {
                org.kpaudit.report.JUnitWriter.write("kpaudit scan", org.kpaudit.report.JUnitWriter.scanSuites(results,
                        findings, CheckRegistry.rules()), notes, failOn.shown(), w);
            } else if (fmt == OutputFormat.SARIF) {
                List<org.kpaudit.analyzer.RuleInfo> rules = CheckRegistry.rules().stream()
                        .filter(x -> x.id().startsWith("SC")).toList();
                org.kpaudit.report.SarifWriter.write(org.kpaudit.analyzer.AuditResult.ofFindings(findings, rules, notes),
                        VersionProvider.version(), verdict, w);
            } else {
                TreeWriter.write(tree, fmt, w);
            }
        });
        for (Problem p : problems) {
            cl.getErr().println(ProblemFormat.line(p));
        }
        return completeness.exitCode(verdict, failOn, findings);
    }
}
