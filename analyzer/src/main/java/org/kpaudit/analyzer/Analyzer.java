package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;

/**
 * Runs every registered check over each patch and each chain. A check that throws does not stop
 * the run: it becomes a tool notification (not a finding) and the other checks go on.
 */
public final class Analyzer {

    private Analyzer() {
    }

    /**
     * @param inputs the arguments as read
     * @param patches the patches, in the order they were named
     * @param latestLinks storage directory to {@code latest} link text (see {@link Chains#group})
     * @param problems inputs that could not be read
     * @param checks the checks to run (usually {@link CheckRegistry#all()})
     * @param policy the policy in force
     */
    @SuppressWarnings("unchecked")
    public static AuditResult run(List<AuditResult.Input> inputs, List<PatchSubject> patches,
            Map<String, String> latestLinks, List<Problem> problems, List<Check<?>> checks, Policy policy) {
        return run(inputs, patches, latestLinks, Map.of(), List.of(), problems, checks, policy);
    }

    /** As above, with each patch's chain unit and the orders seen applied (see {@link Chains#group(List, Map, Map, List)}). */
    @SuppressWarnings("unchecked")
    public static AuditResult run(List<AuditResult.Input> inputs, List<PatchSubject> patches,
            Map<String, String> latestLinks, Map<String, String> units, List<Chains.Applied> applied,
            List<Problem> problems, List<Check<?>> checks, Policy policy) {
        List<Finding> findings = new ArrayList<>();
        List<Notification> notes = new ArrayList<>();
        for (Problem p : problems) {
            notes.add(new Notification("error", p.file(), p.offset(), p.reason(), null));
        }
        List<ChainSubject> chains = Chains.group(patches, latestLinks, units, applied);
        for (Check<?> c : checks) {
            String kind = c.rule().subject();
            if (kind.equals("patch")) {
                for (PatchSubject p : patches) {
                    runOne((Check<PatchSubject>) c, p, p.display(), findings, notes);
                }
            } else if (kind.equals("chain")) {
                for (ChainSubject ch : chains) {
                    runOne((Check<ChainSubject>) c, ch, ch.members().get(0).display(), findings, notes);
                }
            }
        }
        findings.sort(Finding.ORDER);
        notes.sort(java.util.Comparator.comparing(Notification::file).thenComparingLong(Notification::offset)
                .thenComparing(Notification::message));
        List<AuditResult.ChainInfo> chainInfos = new ArrayList<>();
        List<AuditResult.PatchInfo> infos = new ArrayList<>();
        for (PatchSubject p : patches) {
            ChainSubject chain = chains.stream().filter(c -> c.members().contains(p)).findFirst().orElse(null);
            infos.add(patchInfo(p, chain));
        }
        for (ChainSubject c : chains) {
            chainInfos.add(chainInfo(c));
        }
        return new AuditResult(inputs, infos, chainInfos, findings, checks.stream().map(Check::rule).toList(), notes,
                policy == null ? Policy.defaults().describe() : policy.describe());
    }

    private static <S> void runOne(Check<S> c, S subject, String file, List<Finding> findings,
            List<Notification> notes) {
        List<Finding> mine = new ArrayList<>();
        try {
            c.check(subject, new Findings(c.rule(), mine));
            findings.addAll(mine);
        } catch (MalformedFileException e) {
            Problem p = e.problem();
            notes.add(new Notification("error", p.file(), p.offset(), "check " + c.rule().id() + " could not read "
                    + "part of the input: " + p.reason(), c.rule().id()));
            findings.addAll(mine);
        } catch (RuntimeException | StackOverflowError e) {
            notes.add(new Notification("error", file, -1, "check " + c.rule().id() + " (" + c.rule().name()
                    + ") failed: " + e, c.rule().id()));
        }
    }

    static AuditResult.PatchInfo patchInfo(PatchSubject p, ChainSubject chain) {
        List<AuditResult.Function> changed = new ArrayList<>();
        List<AuditResult.Function> added = new ArrayList<>();
        for (InfoRecord r : p.patch().infos()) {
            String n = r.function() != null ? r.function() : "#" + r.index();
            if (r.isNew()) {
                added.add(new AuditResult.Function(n, null, null, r.slen()));
            } else {
                changed.add(new AuditResult.Function(n, r.original() == null ? null : r.original().address(), r.dlen(),
                        r.slen()));
            }
        }
        List<String> imports = p.patch().imports().stream().map(KpatchImport::rawName).toList();
        Integer pos = chain == null ? null : chain.members().indexOf(p) + 1;
        Integer level = chain == null ? p.name().level() : Chains.level(p, chain.latest());
        return new AuditResult.PatchInfo(p.display(), p.patch().header().id(), p.patch().header().buildId(),
                p.patch().header().layout().name(), p.patch().elf().header().machine().name(),
                p.hasTarget() ? p.target().path() : null, p.targetStatus().name(),
                p.hasTarget() ? p.target().foundBy() : null,
                p.hasTarget() ? p.target().buildId().orElse(null) : null,
                changed, added, imports, chain == null ? null : chain.buildId(), pos, level);
    }

    static AuditResult.ChainInfo chainInfo(ChainSubject c) {
        List<AuditResult.ChainMember> members = new ArrayList<>();
        int i = 1;
        for (PatchSubject m : c.members()) {
            members.add(new AuditResult.ChainMember(i++, m.display(), m.patch().header().id(), Chains.level(m, c.latest())));
        }
        List<AuditResult.Overlap> overlaps = new ArrayList<>();
        for (Map.Entry<String, List<PatchSubject>> e : Chains.overlaps(c).entrySet()) {
            List<String> ids = e.getValue().stream().map(PatchSubject::label).toList();
            overlaps.add(new AuditResult.Overlap(e.getKey(), ids, ids.get(ids.size() - 1)));
        }
        List<String> unpatch = new ArrayList<>(c.members().stream().map(PatchSubject::label).toList());
        Collections.reverse(unpatch);
        return new AuditResult.ChainInfo(c.buildId(), c.evidence() != null ? "applied order in " + c.evidence()
                : Chains.byLevel(c) ? "storage levels" : "argument order", members,
                overlaps, unpatch, c.latest());
    }
}
