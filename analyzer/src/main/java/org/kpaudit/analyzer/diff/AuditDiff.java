package org.kpaudit.analyzer.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.model.KpatchFile;

/**
 * What changed between two sets of patches (two patch files, or two directories or archives
 * holding chains): patches added and removed, the differences of each pair of matching patches,
 * which patch wins each function of each chain, and the findings the new side has that the old
 * side did not (and those it no longer has).
 *
 * @param patches the pairs of matching patches (same build-id and id; or the only patch of each side)
 * @param added patches only in the new side (file name, id)
 * @param removed patches only in the old side
 * @param chains per build-id, functions whose winning patch changed
 * @param newFindings findings of the new side with no match in the old side
 * @param resolvedFindings findings of the old side with no match in the new side
 */
public record AuditDiff(
        String oldInput,
        String newInput,
        List<PatchDiff> patches,
        List<String> added,
        List<String> removed,
        List<ChainChange> chains,
        List<Finding> newFindings,
        List<Finding> resolvedFindings) {

    public AuditDiff {
        patches = List.copyOf(patches);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        chains = List.copyOf(chains);
        newFindings = List.copyOf(newFindings);
        resolvedFindings = List.copyOf(resolvedFindings);
    }

    /** Functions of one build-id's chain whose winning patch differs (old id -> new id; null = none). */
    public record ChainChange(String buildId, List<PatchDiff.FieldChange> winners) {
        public ChainChange {
            winners = List.copyOf(winners);
        }
    }

    public boolean isEmpty() {
        return patches.stream().allMatch(PatchDiff::isEmpty) && added.isEmpty() && removed.isEmpty()
                && chains.isEmpty() && newFindings.isEmpty() && resolvedFindings.isEmpty();
    }

    public static AuditDiff of(String oldInput, CheckRun old, String newInput, CheckRun now) {
        Map<String, KpatchFile> o = byKey(old);
        Map<String, KpatchFile> n = byKey(now);
        List<PatchDiff> pairs = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (o.size() == 1 && n.size() == 1) {
            pairs.add(PatchDiffer.diff(o.values().iterator().next(), n.values().iterator().next()));
        } else {
            TreeSet<String> keys = new TreeSet<>(o.keySet());
            keys.addAll(n.keySet());
            for (String k : keys) {
                KpatchFile a = o.get(k);
                KpatchFile b = n.get(k);
                if (a == null) {
                    added.add(b.path() + " (" + b.header().id() + ")");
                } else if (b == null) {
                    removed.add(a.path() + " (" + a.header().id() + ")");
                } else {
                    pairs.add(PatchDiffer.diff(a, b));
                }
            }
        }
        List<ChainChange> chains = new ArrayList<>();
        Map<String, Map<String, String>> ow = winners(old.result());
        Map<String, Map<String, String>> nw = winners(now.result());
        TreeSet<String> bids = new TreeSet<>(ow.keySet());
        bids.addAll(nw.keySet());
        for (String bid : bids) {
            Map<String, String> a = ow.getOrDefault(bid, Map.of());
            Map<String, String> b = nw.getOrDefault(bid, Map.of());
            TreeSet<String> fns = new TreeSet<>(a.keySet());
            fns.addAll(b.keySet());
            List<PatchDiff.FieldChange> w = new ArrayList<>();
            for (String f : fns) {
                if (!Objects.equals(a.get(f), b.get(f))) {
                    w.add(new PatchDiff.FieldChange(f, a.get(f), b.get(f)));
                }
            }
            if (!w.isEmpty()) {
                chains.add(new ChainChange(bid, w));
            }
        }
        Set<String> oldKeys = new HashSet<>();
        old.result().findings().forEach(f -> oldKeys.add(findingKey(f)));
        Set<String> newKeys = new HashSet<>();
        now.result().findings().forEach(f -> newKeys.add(findingKey(f)));
        List<Finding> fresh = now.result().findings().stream().filter(f -> !oldKeys.contains(findingKey(f))).toList();
        List<Finding> gone = old.result().findings().stream().filter(f -> !newKeys.contains(findingKey(f))).toList();
        return new AuditDiff(oldInput, newInput, pairs, added, removed, chains, fresh, gone);
    }

    /** Patches by "build-id/id". */
    private static Map<String, KpatchFile> byKey(CheckRun run) {
        Map<String, KpatchFile> m = new TreeMap<>();
        for (KpatchFile k : run.models().values()) {
            m.putIfAbsent(k.header().buildId() + "/" + k.header().id(), k);
        }
        return m;
    }

    /** For each build-id, the id of the patch whose code runs for each function (the last applied). */
    private static Map<String, Map<String, String>> winners(AuditResult r) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (AuditResult.ChainInfo c : r.chains()) {
            Map<String, String> w = new TreeMap<>();
            for (AuditResult.ChainMember m : c.members()) {
                for (AuditResult.PatchInfo p : r.patches()) {
                    if (p.file().equals(m.file())) {
                        p.changed().forEach(f -> w.put(f.name(), m.id()));
                    }
                }
            }
            out.put(c.buildId(), w);
        }
        for (AuditResult.PatchInfo p : r.patches()) {
            if (p.chain() == null) {
                Map<String, String> w = out.computeIfAbsent(p.buildId(), k -> new TreeMap<>());
                p.changed().forEach(f -> w.putIfAbsent(f.name(), p.id()));
            }
        }
        return out;
    }

    /** What makes two findings "the same" across versions: rule, and where in logical terms (not file paths). */
    /**
     * A finding's identity across the two sides: its baseline fingerprint ({@link Finding#fingerprint()})
     * without the file name, which often differs between an old and a new folder, and with the severity.
     */
    static String findingKey(Finding f) {
        return f.severity() + "|" + f.fingerprint("");
    }
}
