package org.kpaudit.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.input.Inputs;
import org.kpaudit.analyzer.input.TargetResolver;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.Problem;

/**
 * One run of the .kpatch checks, as {@code kpaudit check} and {@code kpaudit audit} do it: read the
 * patch arguments, find each patch's target, run every check, and keep the parsed patches beside
 * the result (reports show their facts).
 *
 * @param result the findings and facts of the run
 * @param models the parsed patch of each {@link AuditResult.PatchInfo#file()}, in the same order
 */
public record CheckRun(AuditResult result, Map<String, KpatchFile> models) {

    public CheckRun {
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /**
     * @param patches patch files, directories and archives
     * @param targets candidate targets (each patch takes the one with its build-id)
     * @param sysroot root of the target system, or null
     * @param debugDir directory with {@code .build-id/xx/rest.debug} files, or null
     * @param policy the policy in force
     */
    public static CheckRun run(List<Path> patches, List<Path> targets, Path sysroot, Path debugDir, Policy policy) {
        return run(patches, targets, sysroot, debugDir, policy, false);
    }

    /**
     * As {@link #run(List, List, Path, Path, Policy)}; with {@code requirePatches}, a directory or
     * archive argument that holds no patch (and could be read) is a tool error, so that a run
     * over nothing never passes.
     */
    public static CheckRun run(List<Path> patches, List<Path> targets, Path sysroot, Path debugDir, Policy policy,
            boolean requirePatches) {
        return run(patches, targets, sysroot, debugDir, policy, requirePatches, List.of());
    }

    /** As above; targets not among the given files are also asked of {@code remote} (debuginfod). */
    public static CheckRun run(List<Path> patches, List<Path> targets, Path sysroot, Path debugDir, Policy policy,
            boolean requirePatches, List<org.kpaudit.analyzer.scan.ObjectFileSource> remote) {
        return run(patches, targets, sysroot, debugDir, policy, requirePatches, remote, List.of());
    }

    /**
     * The patches under each path as one set that chains by build-id whatever folders they are in:
     * what {@code diff} compares ({@code diff OLD NEW} names each side as a whole).
     */
    public static CheckRun runAsOneSet(List<Path> patches, List<Path> targets, Path sysroot, Policy policy) {
        return run(patches, targets, sysroot, null, policy, false, List.of(), null);
    }

    /**
     * As above; {@code applied} are orders of patches seen applied in cores, which form chains of
     * their own ({@code null}: chain every patch of one build-id, ignoring folders).
     */
    public static CheckRun run(List<Path> patches, List<Path> targets, Path sysroot, Path debugDir, Policy policy,
            boolean requirePatches, List<org.kpaudit.analyzer.scan.ObjectFileSource> remote,
            List<Chains.Applied> applied) {
        Inputs.Collected in = Inputs.collect(patches);
        List<Problem> empty = new ArrayList<>();
        if (requirePatches) {
            for (AuditResult.Input i : in.inputs()) {
                boolean reported = in.problems().stream().anyMatch(p -> p.file().equals(i.path())
                        || p.file().startsWith(i.path() + "/") || p.file().startsWith(i.path() + "!"));
                if (i.patches() == 0 && !reported) {
                    empty.add(new Problem(i.path(), -1, "no .kpatch file in it (nothing to check)"));
                }
            }
        }
        TargetResolver resolver = new TargetResolver(targets, sysroot, debugDir, remote);
        List<PatchSubject> subjects = new ArrayList<>();
        Map<String, KpatchFile> models = new LinkedHashMap<>();
        for (Inputs.Found f : in.patches()) {
            TargetResolver.Resolution res = resolver.resolve(f.patch().header().buildId());
            subjects.add(new PatchSubject(f.display(), f.patch(), FileNameFacts.of(f.display()), res.target(),
                    res.status(), policy));
            models.put(f.display(), f.patch());
        }
        List<Problem> problems = new ArrayList<>(in.problems());
        problems.addAll(empty);
        List<Check<?>> kpatchChecks = CheckRegistry.all().stream()
                .filter(c -> c.rule().subject().equals("patch") || c.rule().subject().equals("chain")).toList();
        AuditResult result = Analyzer.run(in.inputs(), subjects, in.latestLinks(),
                applied == null ? Map.of() : Inputs.units(in.patches()), applied == null ? List.of() : applied,
                problems, kpatchChecks, policy);
        List<Problem> late = resolver.problems();
        List<Problem> unfetched = resolver.remoteProblems();
        if (!late.isEmpty() || !unfetched.isEmpty()) {
            List<Notification> notes = new ArrayList<>(result.notifications());
            for (Problem p : late) {
                notes.add(new Notification("error", p.file(), p.offset(), p.reason(), null));
            }
            for (Problem p : unfetched) {
                notes.add(new Notification("warning", p.file(), p.offset(), p.reason(), null));
            }
            notes.sort(Comparator.comparing(Notification::file).thenComparingLong(Notification::offset)
                    .thenComparing(Notification::message));
            result = new AuditResult(result.inputs(), result.patches(), result.chains(), result.findings(),
                    result.rules(), notes, result.policy());
        }
        if (!in.upatches().isEmpty()) {
            result = withUpatches(result, in.upatches(), resolver);
        }
        return new CheckRun(result, models);
    }

    /** The SysCare upatch objects among the inputs, checked (subject upatch) against the targets by build-id. */
    private static AuditResult withUpatches(AuditResult result, List<Inputs.FoundUpatch> upatches,
            TargetResolver resolver) {
        List<Finding> findings = new ArrayList<>(result.findings());
        List<Notification> notes = new ArrayList<>(result.notifications());
        List<Check<?>> checks = CheckRegistry.all().stream().filter(c -> c.rule().subject().equals("upatch")).toList();
        for (Inputs.FoundUpatch u : upatches) {
            String bid = u.patch().targetBuildId();
            TargetResolver.Resolution res = resolver.resolve(bid == null ? "" : bid);
            org.kpaudit.analyzer.upatch.UpatchSubject s = new org.kpaudit.analyzer.upatch.UpatchSubject(u.display(),
                    u.patch(), res.target() == null ? null : res.target().elf(),
                    res.target() == null ? null : res.target().path());
            for (Check<?> c : checks) {
                @SuppressWarnings("unchecked")
                Check<org.kpaudit.analyzer.upatch.UpatchSubject> uc = (Check<org.kpaudit.analyzer.upatch.UpatchSubject>) c;
                try {
                    uc.check(s, new Findings(c.rule(), findings));
                } catch (RuntimeException e) {
                    notes.add(new Notification("error", u.display(), -1, "check " + c.rule().id() + " failed: " + e,
                            c.rule().id()));
                }
            }
        }
        findings.sort(Finding.ORDER);
        List<RuleInfo> rules = new ArrayList<>(result.rules());
        for (Check<?> c : checks) {
            if (rules.stream().noneMatch(r -> r.id().equals(c.rule().id()))) {
                rules.add(c.rule());
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::id));
        return new AuditResult(result.inputs(), result.patches(), result.chains(), findings, rules, notes,
                result.policy());
    }
}
