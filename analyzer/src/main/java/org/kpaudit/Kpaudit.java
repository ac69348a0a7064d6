package org.kpaudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.Verdict;
import org.kpaudit.analyzer.scan.ObjectFileSource;
import org.kpaudit.analyzer.scan.PatchScanner;
import org.kpaudit.analyzer.scan.ScanChecks;
import org.kpaudit.analyzer.scan.ScanOptions;
import org.kpaudit.analyzer.scan.ScanResult;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.parser.LivepatchParser;

/**
 * kpaudit as a library: the entry points the command line is built on, for programs that read
 * patches and cores themselves (a build pipeline, a patch server, a forensic tool). Everything
 * returns the immutable model and the findings; nothing is printed, nothing is written.
 *
 * <pre>{@code
 * Kpaudit.CheckReport r = Kpaudit.checker().target(Path.of("build/app")).check(Path.of("patches/"));
 * if (r.verdict().status() != Verdict.Status.PASS) {
 *     r.result().findings().forEach(f -> System.err.println(f.checkId() + ": " + f.message()));
 * }
 * }</pre>
 *
 * <p>Untrusted input is the normal case: a malformed file raises {@link MalformedFileException}
 * naming the file, the offset and the problem; reading stays within each file's budget of time
 * and memory. The Kaitai Struct specifications the parsers are generated from are published in
 * the {@code kpaudit-formats} jar as resources {@code org/kpaudit/formats/ksy/*.ksy}, for use with
 * other languages' Kaitai compilers.
 */
public final class Kpaudit {

    private Kpaudit() {
    }

    /**
     * What a file is, read into the model: exactly one of the fields is set, by {@link #kind}.
     *
     * @param kind the kind detected from the file's content
     * @param kpatch the patch, for {@link FileKind#KPATCH}
     * @param elf the ELF object, for executables, shared objects, relocatable objects and modules
     * @param module the livepatch description, for kernel and livepatch modules (with {@code elf})
     */
    public record Inspection(FileKind kind, KpatchFile kpatch, ElfFile elf, LivepatchModule module) {
    }

    /**
     * Reads one file: a {@code .kpatch}, an ELF object (any size; above 2 GiB through windows) or a
     * kernel module. Core dumps are read with {@link #scan}.
     *
     * @throws MalformedFileException the file is not one of these, or malformed
     * @throws IOException the file cannot be read
     */
    public static Inspection inspect(Path file) throws IOException {
        FileKind kind = FileTypeDetector.detect(file);
        return switch (kind) {
            case KPATCH -> new Inspection(kind, KpatchParser.parse(file), null, null);
            case KERNEL_MODULE, LIVEPATCH_MODULE -> {
                ElfFile elf = ElfParser.parse(file);
                yield new Inspection(kind, null, elf, LivepatchParser.of(elf));
            }
            case ELF_EXECUTABLE, ELF_SHARED_OBJECT, ELF_RELOCATABLE, ELF_OTHER ->
                    new Inspection(kind, null, ElfParser.parse(file), null);
            default -> throw new MalformedFileException(new org.kpaudit.model.Problem(file.toString(), 0,
                    "not a .kpatch file, ELF object or kernel module (detected " + kind + ")"));
        };
    }

    /**
     * The outcome of a check.
     *
     * @param result patches, chains, findings and tool errors (inputs that could not be read)
     * @param verdict PASS, FAIL (a finding at or above the threshold) or INCOMPLETE (something not verified)
     * @param patches the parsed patches, by the name the findings use
     */
    public record CheckReport(AuditResult result, Verdict verdict, java.util.Map<String, KpatchFile> patches) {
    }

    /** A check of {@code .kpatch} files, configured step by step. */
    public static Checker checker() {
        return new Checker();
    }

    /** How {@link #checker()} checks: targets, a system root, a policy, the failure threshold. */
    public static final class Checker {
        private final List<Path> targets = new ArrayList<>();
        private Path sysroot;
        private Path debugDir;
        private Policy policy = Policy.defaults();
        private Severity failOn = Severity.ERROR;

        private Checker() {
        }

        /** A binary the patches may be for (matched by build-id). */
        public Checker target(Path file) {
            targets.add(Objects.requireNonNull(file));
            return this;
        }

        /** The root of the system the patches are for: targets and libraries found by build-id under it. */
        public Checker sysroot(Path dir) {
            this.sysroot = dir;
            return this;
        }

        /** A {@code .build-id} tree of debug files (function sizes). */
        public Checker debugDir(Path dir) {
            this.debugDir = dir;
            return this;
        }

        /** The function filter policy (default: {@link Policy#defaults()}). */
        public Checker policy(Policy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        /** The severity that makes the verdict FAIL (default: error). */
        public Checker failOn(Severity s) {
            this.failOn = Objects.requireNonNull(s);
            return this;
        }

        /**
         * Checks the patches under the paths (files, directories walked recursively, archives), every
         * check of {@code kpaudit checks} with subject patch or chain. A path that cannot be read, or a
         * directory without patches, is a tool error in the result (never an exception).
         */
        public CheckReport check(Path... patches) {
            CheckRun run = CheckRun.run(List.of(patches), targets, sysroot, debugDir, policy, true);
            return new CheckReport(run.result(), run.result().verdict(failOn), run.models());
        }
    }

    /**
     * The outcome of a scan.
     *
     * @param result the applied patches, patched functions, hooks, objects and what was verified
     * @param findings the scan checks' findings (SC1xx defects, SC2xx what could not be verified)
     * @param verdict at the error threshold
     */
    public record ScanReport(ScanResult result, List<Finding> findings, Verdict verdict) {
    }

    /**
     * Scans a core dump: the LibcarePlus patches applied in it, their entry jumps and saved bytes,
     * hooks no patch explains. {@code files} are where the mapped objects' files are found by
     * build-id (a folder of candidates: {@link ObjectFileSource#among}); {@code sysroot} finds them
     * by path (may be null).
     */
    public static ScanReport scan(Path core, Path sysroot, List<ObjectFileSource> files) throws IOException {
        if (Files.isDirectory(core)) {
            throw new MalformedFileException(new org.kpaudit.model.Problem(core.toString(), -1, "is a directory"));
        }
        try (MemoryImage img = CoreParser.open(core)) {
            ScanResult r = PatchScanner.scan(img, new ScanOptions(sysroot, null, files));
            List<Finding> findings = ScanChecks.run(r);
            return new ScanReport(r, findings, Verdict.of(findings, Severity.ERROR, 0, 1));
        }
    }
}
