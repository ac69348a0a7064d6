package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.AuditRun;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.scan.PatchScanner;
import org.kpaudit.analyzer.scan.ScanChecks;
import org.kpaudit.analyzer.scan.ScanOptions;
import org.kpaudit.analyzer.scan.ScanResult;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.report.ScanView;
import org.kpaudit.report.html.ScanPart;
import org.kpaudit.analyzer.livepatch.LivepatchAnalyzer;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.LivepatchParser;
import org.kpaudit.report.LivepatchView;
import org.kpaudit.report.html.LivepatchPart;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.PolicyException;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.report.CheckView;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import org.kpaudit.report.html.HtmlReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kpaudit audit [PATH...]}: the main job. Reads everything under the paths (the bundled
 * samples/ when none is given), runs every check, and writes the HTML report and its YAML twin.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "audit",
        sortOptions = false,
        description = {
            "Audit everything under the given paths (default: the bundled samples/ folder): every .kpatch file with",
            "its target (ELF files under the same paths, matched by build-id), every chain of patches for one",
            "build-id, every kernel livepatch module (one chain per kernel release, in path order), every core",
            "dump (applied patches, entry jumps, hooks no patch explains). Writes",
            "kpaudit-report.html (self-contained) and kpaudit-report.yaml, and prints a summary."},
        footer = {"", "Verdict: FAIL (a finding at or above --fail-on, error by default for the verdict), INCOMPLETE",
            "(something could not be verified: see the unverified findings), PASS.",
            "Exit codes: 0 report written (findings do not fail an audit unless --fail-on is given),",
            "1 findings at or above --fail-on (or INCOMPLETE with --require-complete), 2 usage error,",
            "3 some input unreadable or nothing to audit (the report is still written)."})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR",
            description = "Directory for kpaudit-report.html and kpaudit-report.yaml (default: the current directory).")
    Path outputDir = Path.of(".");

    @Option(names = "--sysroot", paramLabel = "DIR",
            description = "Root of the system the patches are for (targets and libraries by build-id, as in check).")
    Path sysroot;

    @Option(names = "--policy", paramLabel = "FILE", description = "Function filter policy (YAML; see README).")
    Path policyFile;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when a finding reaches this severity: ${COMPLETION-CANDIDATES} (default: none).")
    FailOn failOn = FailOn.NONE;

    @picocli.CommandLine.Mixin
    CompletenessOption completeness = new CompletenessOption();

    @Option(names = "--junit", description = "Also write kpaudit-report.junit.xml: JUnit XML with one testsuite per"
            + " patch, chain, livepatch module and core, one testcase per check (failed at --fail-on, default error;"
            + " skipped when it could not verify), for CI servers.")
    boolean junit;

    @picocli.CommandLine.Mixin
    ObjectFileOptions files = new ObjectFileOptions();

    @picocli.CommandLine.Mixin
    BaselineOptions baselines = new BaselineOptions();

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files, directories or archives to audit.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        List<Path> inputs = paths.isEmpty() ? List.of(bundledSamples(cl)) : paths;
        Path dir = outputDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "--output-dir: " + outputDir + " is not a directory");
        }
        if (!Files.isDirectory(dir)) {
            // like most tools that write into a folder: made when missing (with its parents)
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(cl, "--output-dir: cannot create " + outputDir + ": "
                        + InspectCommand.ioReason(e));
            }
        }
        List<org.kpaudit.analyzer.scan.ObjectFileSource> objectFiles = files.sources(cl, System.getenv());
        baselines.load(cl);
        Policy policy = Policy.defaults();
        if (policyFile != null) {
            try {
                policy = Policy.load(policyFile);
            } catch (PolicyException e) {
                cl.getErr().println("kpaudit: usage error: " + ProblemFormat.clean(e.getMessage()));
                return ExitCodes.USAGE;
            }
        }
        Progress progress = new Progress(cl.getErr());
        progress.say("reading " + inputs.size() + " path(s)");
        Found found = scan(inputs, progress);
        List<Path> targets = found.targets();
        progress.say("scanning " + found.cores().size() + " core dump(s)");
        List<ScanResult> scans = new ArrayList<>();
        List<Finding> scanFindings = new ArrayList<>();
        List<Problem> scanProblems = new ArrayList<>();
        List<org.kpaudit.analyzer.scan.ObjectFileSource> sources = new ArrayList<>();
        sources.add(org.kpaudit.analyzer.scan.ObjectFileSource.among(targets, "audit input"));
        sources.addAll(objectFiles);
        Path patchesDir = inputs.stream().filter(Files::isDirectory).findFirst().orElse(null);
        for (Path c : found.cores()) {
            try (MemoryImage img = CoreParser.open(c)) {
                ScanResult s = PatchScanner.scan(img, new ScanOptions(sysroot, patchesDir, sources));
                scans.add(s);
                scanFindings.addAll(ScanChecks.run(s));
            } catch (MalformedFileException e) {
                scanProblems.add(e.problem());
            } catch (IOException e) {
                scanProblems.add(new Problem(c.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
            }
        }
        // patches seen applied together in a core form a chain in that order, wherever their files are
        List<org.kpaudit.analyzer.Chains.Applied> applied = new ArrayList<>();
        for (ScanResult s : scans) {
            applied.addAll(org.kpaudit.analyzer.scan.AppliedOrders.of(s));
        }
        progress.say("checking patches against " + targets.size() + " candidate target(s)");
        CheckRun run = CheckRun.run(inputs, targets, sysroot, null, policy, false, files.servers(cl, System.getenv()),
                applied);
        progress.say("checking livepatch modules");
        List<LivepatchAnalyzer.Report> klp = livepatchChains(found.modules(), cl);
        AuditRun audit = AuditRun.of(run, klp, scans, scanFindings);
        AuditResult r = audit.combined();
        if (audit.subjects() == 0 && scanProblems.isEmpty() && r.notifications().isEmpty()) {
            List<Notification> notes = new ArrayList<>(r.notifications());
            for (Path in : inputs) {
                notes.add(new Notification("error", in.toString(), -1, "no patch, livepatch module or core dump in it"
                        + " (nothing to audit)", null));
            }
            r = new AuditResult(r.inputs(), r.patches(), r.chains(), r.findings(), r.rules(), notes, r.policy());
        }
        // baseline and suppressions over everything the audit found (patches, modules, cores)
        List<String> expired = new ArrayList<>();
        List<Finding> reviewed = baselines.review(cl, r.findings(), policy.suppressions(), expired);
        if (reviewed != r.findings() || !expired.isEmpty()) {
            List<Notification> notes = new ArrayList<>(r.notifications());
            for (String x : expired) {
                notes.add(new Notification("warning", policyFile == null ? "policy" : policyFile.toString(), -1, x,
                        null));
            }
            r = new AuditResult(r.inputs(), r.patches(), r.chains(), reviewed, r.rules(), notes, r.policy());
        }
        baselines.writeIfAsked(cl, r.findings());
        org.kpaudit.analyzer.Verdict verdict = org.kpaudit.analyzer.Verdict.of(r.findings(), failOn.shown(),
                r.toolErrors() + scanProblems.size(), audit.subjects());
        Severity shown = failOn.shown();
        progress.say("writing the report");
        Path html = dir.resolve("kpaudit-report.html");
        Path yaml = dir.resolve("kpaudit-report.yaml");
        String version = VersionProvider.version();
        List<HtmlReport.Part> parts = new ArrayList<>();
        if (!klp.isEmpty()) {
            parts.add(new LivepatchPart(klp));
        }
        if (!scans.isEmpty()) {
            parts.add(new ScanPart(scans));
        }
        AuditResult all = r;
        AtomicFiles.write(html, w -> HtmlReport.write(run, all, verdict, shown, version, parts, w));
        java.util.Map<String, Object> tree = CheckView.tree(r, shown, verdict);
        if (!klp.isEmpty()) {
            List<Object> chains = new ArrayList<>();
            for (LivepatchAnalyzer.Report k : klp) {
                chains.add(LivepatchView.chain(k));
            }
            tree.put("livepatch", chains);
        }
        if (!scans.isEmpty()) {
            List<Object> cores = new ArrayList<>();
            for (ScanResult s : scans) {
                cores.add(ScanView.scan(s));
            }
            tree.put("cores", cores);
        }
        AtomicFiles.write(yaml, w -> TreeWriter.write(tree, OutputFormat.YAML, w));
        Path xml = dir.resolve("kpaudit-report.junit.xml");
        if (junit) {
            List<org.kpaudit.report.JUnitWriter.Suite> suites = new ArrayList<>(org.kpaudit.report.JUnitWriter.suites(r));
            for (LivepatchAnalyzer.Report k : klp) {
                suites.addAll(org.kpaudit.report.JUnitWriter.livepatchSuites(k));
            }
            suites.addAll(org.kpaudit.report.JUnitWriter.scanSuites(scans, r.findings(), r.rules()));
            List<Notification> notes = new ArrayList<>(r.notifications());
            for (Problem p : scanProblems) {
                notes.add(new Notification("error", p.file(), p.offset(), p.reason(), null));
            }
            AtomicFiles.write(xml, w -> org.kpaudit.report.JUnitWriter.write("kpaudit audit", suites, notes, shown, w));
        }
        progress.done();

        long errors = r.countAtLeast(Severity.ERROR);
        long warnings = r.countAtLeast(Severity.WARNING) - errors;
        long notes = r.findings().size() - errors - warnings;
        int modules = klp.stream().mapToInt(k -> k.modules().size()).sum();
        cl.getOut().println("kpaudit audit: " + r.patches().size() + " patches, " + r.chains().size() + " chains, "
                + modules + " livepatch modules, " + scans.size() + " core dumps: " + errors + " errors, " + warnings
                + " warnings, " + notes + " notes (" + verdict.unverified() + " unverified): "
                + org.kpaudit.report.VerdictView.line(verdict) + ".");
        cl.getOut().println("  HTML report: " + html);
        cl.getOut().println("  YAML report: " + yaml);
        if (junit) {
            cl.getOut().println("  JUnit XML:   " + xml);
        }
        cl.getOut().flush();
        for (Notification n : r.notifications()) {
            cl.getErr().println(ProblemFormat.line(n.level(), new Problem(n.file(), n.offset(), n.message())));
        }
        for (Problem p : scanProblems) {
            cl.getErr().println(ProblemFormat.line(p));
        }
        return completeness.exitCode(verdict, failOn, r.findings());
    }

    /** samples/ in the current directory, else beside the jar's repository (cli/target/kpaudit.jar). */
    static Path bundledSamples(CommandLine cl) {
        Path here = Path.of("samples");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path jar = Path.of(AuditCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("pom.xml"))) {
                    return p.resolve("samples");
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through
        }
        throw new CommandLine.ParameterException(cl, "no PATH given and no bundled samples/ folder found here;"
                + " name the files or directories to audit");
    }

    /** What the paths hold besides patches: candidate targets and kernel modules. */
    record Found(List<Path> targets, List<LivepatchModule> modules, List<Path> cores) {
    }

    /** ELF executables and shared objects under the inputs (the candidate targets), and kernel modules. */
    private static Found scan(List<Path> inputs, Progress progress) {
        List<Path> targets = new ArrayList<>();
        List<LivepatchModule> modules = new ArrayList<>();
        List<Path> cores = new ArrayList<>();
        List<Problem> ignored = new ArrayList<>();
        for (Path in : inputs) {
            List<Path> files = Files.isDirectory(in) ? InputFiles.walk(in, ignored) : List.of(in);
            int n = 0;
            for (Path f : files) {
                progress.tick(++n, files.size());
                try {
                    FileKind k = FileTypeDetector.detect(f);
                    if (k == FileKind.ELF_EXECUTABLE || k == FileKind.ELF_SHARED_OBJECT) {
                        targets.add(f);
                    } else if (k == FileKind.LIVEPATCH_MODULE) {
                        modules.add(LivepatchParser.of(ElfParser.parse(f)));
                    } else if (k == FileKind.ELF_CORE) {
                        cores.add(f);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable files are reported when the patches are read
                }
            }
        }
        return new Found(targets, modules, cores);
    }

    /** One chain per kernel release, modules in path order (the load order is not known from files). */
    private static List<LivepatchAnalyzer.Report> livepatchChains(List<LivepatchModule> modules, CommandLine cl) {
        java.util.TreeMap<String, List<LivepatchModule>> byKernel = new java.util.TreeMap<>();
        for (LivepatchModule m : modules) {
            String release = m.kernel() == null ? "unknown" : m.kernel().release();
            byKernel.computeIfAbsent(release, x -> new ArrayList<>()).add(m);
        }
        List<LivepatchAnalyzer.Report> out = new ArrayList<>();
        for (List<LivepatchModule> group : byKernel.values()) {
            group.sort(java.util.Comparator.comparing(LivepatchModule::path));
            out.add(LivepatchAnalyzer.run(group, List.of()));
        }
        return out;
    }

    /** Progress on stderr, only when it is a terminal. */
    static final class Progress {
        private final java.io.PrintWriter err;
        private final boolean on = System.console() != null;
        private long last;

        Progress(java.io.PrintWriter err) {
            this.err = err;
        }

        void say(String what) {
            if (on) {
                err.print("\r\033[Kkpaudit: " + what + "...");
                err.flush();
            }
        }

        void tick(int i, int n) {
            long now = System.nanoTime();
            if (on && now - last > 200_000_000L) {
                last = now;
                err.print("\r\033[Kkpaudit: scanning files " + i + "/" + n);
                err.flush();
            }
        }

        void done() {
            if (on) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
