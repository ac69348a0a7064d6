package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.PolicyException;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.Problem;
import org.kpaudit.report.CheckText;
import org.kpaudit.report.CheckView;
import org.kpaudit.report.JUnitWriter;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.SarifWriter;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpaudit check PATCH...}: the CI gate for .kpatch files. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "check",
        sortOptions = false,
        description = {
            "Check LibcarePlus .kpatch files: identity and layout, relocations, imports and TLS, the target binary's",
            "sections and functions, the function policy, and incremental chains. PATCH is a .kpatch file, a",
            "directory (searched recursively) or an archive (tar, tar.gz, tar.xz, zip, cpio, ar/.deb) read in place.",
            "Targets are found by --target, or by build-id under --sysroot. 'kpaudit checks' lists every check."},
        footer = {"", "Formats: yaml (default), json, sarif, junit, text.",
            "Verdict: FAIL (a finding at or above --fail-on), INCOMPLETE (something not verified: a target absent,",
            "an unreadable input, no patch found), PASS.",
            "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (or INCOMPLETE with",
            "--require-complete), 2 usage or policy error, 3 some input or target unreadable, or no patch found",
            "(the others are still checked and reported)."})
public final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--target", paramLabel = "FILE",
            description = "The binary the patches are for (repeatable: each patch uses the one with its build-id; with"
                    + " --sysroot too, libraries and unmatched build-ids are looked up there).")
    List<Path> targets = new java.util.ArrayList<>();

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "Root of the system the patches are for: targets are found by build-id (.build-id links,"
                    + " then a scan), needed libraries in its lib directories, debug files in usr/lib/debug.")
    Path sysroot;

    @Option(names = "--debug-dir", paramLabel = "DIR",
            description = "Directory with separate debug files as .build-id/xx/rest.debug (for function sizes).")
    Path debugDir;

    @picocli.CommandLine.Mixin
    DebuginfodOptions servers = new DebuginfodOptions();

    @Option(names = "--policy", paramLabel = "FILE", description = "Function filter policy (YAML; see README).")
    Path policyFile;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Lowest severity that fails the check:"
            + " ${COMPLETION-CANDIDATES} (default: error).")
    FailOn failOn = FailOn.ERROR;

    @Mixin
    CompletenessOption completeness = new CompletenessOption();

    @Mixin
    BaselineOptions baselines = new BaselineOptions();

    @Parameters(arity = "1..*", paramLabel = "PATCH", description = "Patch files, directories or archives.")
    List<Path> patches;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.YAML, EnumSet.of(OutputFormat.YAML, OutputFormat.JSON,
                OutputFormat.SARIF, OutputFormat.JUNIT, OutputFormat.TEXT));
        Severity threshold = failOn.shown();
        InputFiles.requireDirectories(cl, sysroot, debugDir);
        Policy policy = Policy.defaults();
        if (policyFile != null) {
            try {
                policy = Policy.load(policyFile);
            } catch (PolicyException e) {
                cl.getErr().println("kpaudit: usage error: " + ProblemFormat.clean(e.getMessage()));
                return ExitCodes.USAGE;
            }
        }
        baselines.load(cl); // a usage error before the work when it is not a baseline
        AuditResult result = CheckRun.run(patches, targets, sysroot, debugDir, policy, true,
                servers.sources(cl, System.getenv())).result();
        List<String> expired = new java.util.ArrayList<>();
        List<org.kpaudit.analyzer.Finding> reviewed = baselines.review(cl, result.findings(), policy.suppressions(),
                expired);
        if (reviewed != result.findings() || !expired.isEmpty()) {
            List<Notification> notes = new java.util.ArrayList<>(result.notifications());
            for (String x : expired) {
                notes.add(new Notification("warning", policyFile == null ? "policy" : policyFile.toString(), -1, x,
                        null));
            }
            result = new AuditResult(result.inputs(), result.patches(), result.chains(), reviewed, result.rules(),
                    notes, result.policy());
        }
        baselines.writeIfAsked(cl, result.findings());
        AuditResult r = result;
        output.write(cl.getOut(), cl, w -> {
            switch (fmt) {
                case SARIF -> SarifWriter.write(r, VersionProvider.version(), w);
                case JUNIT -> JUnitWriter.write(r, threshold, w);
                case TEXT -> CheckText.write(r, threshold, w);
                default -> TreeWriter.write(CheckView.tree(r, threshold), fmt, w);
            }
        });
        for (Notification n : r.notifications()) {
            cl.getErr().println(ProblemFormat.line(n.level(), new Problem(n.file(), n.offset(), n.message())));
        }
        return completeness.exitCode(r.verdict(threshold), failOn, r.findings());
    }
}
