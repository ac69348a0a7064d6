package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.livepatch.LivepatchAnalyzer;

/**
 * Everything {@code kpaudit audit} found: the .kpatch checks, the livepatch module chains (one per
 * kernel release), the core dumps scanned for applied patches, and a combined result whose
 * findings, rules and notifications cover them all.
 *
 * @param kpatch the .kpatch check run
 * @param livepatch one livepatch report per kernel release, in release order
 * @param combined the kpatch result with every livepatch finding, rule and notification added
 */
public record AuditRun(CheckRun kpatch, List<LivepatchAnalyzer.Report> livepatch,
        List<org.kpaudit.analyzer.scan.ScanResult> scans, AuditResult combined) {

    public AuditRun {
        livepatch = List.copyOf(livepatch);
        scans = List.copyOf(scans);
    }

    /** What the audit looked at: patches, livepatch modules and core dumps. */
    public long subjects() {
        return combined.patches().size() + livepatch.stream().mapToLong(r -> r.modules().size()).sum() + scans.size();
    }

    /** The verdict over everything audited. */
    public Verdict verdict(Severity failOn) {
        return Verdict.of(combined.findings(), failOn, combined.toolErrors(), subjects());
    }

    public static AuditRun of(CheckRun kpatch, List<LivepatchAnalyzer.Report> livepatch) {
        return of(kpatch, livepatch, List.of(), List.of());
    }

    /**
     * @param scans the core dumps scanned for applied patches
     * @param scanFindings the findings of the scan checks over them
     */
    public static AuditRun of(CheckRun kpatch, List<LivepatchAnalyzer.Report> livepatch,
            List<org.kpaudit.analyzer.scan.ScanResult> scans, List<Finding> scanFindings) {
        AuditResult k = kpatch.result();
        List<Finding> findings = new ArrayList<>(k.findings());
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        k.rules().forEach(r -> rules.put(r.id(), r));
        List<Notification> notes = new ArrayList<>(k.notifications());
        for (LivepatchAnalyzer.Report r : livepatch) {
            findings.addAll(r.findings());
            r.rules().forEach(x -> rules.putIfAbsent(x.id(), x));
            for (String n : r.notifications()) {
                notes.add(new Notification("error", r.modules().isEmpty() ? "" : r.modules().get(0).path(), -1, n, null));
            }
        }
        findings.addAll(scanFindings);
        if (!scans.isEmpty()) {
            for (Check<?> c : CheckRegistry.all()) {
                if (c.rule().id().startsWith("SC")) {
                    rules.putIfAbsent(c.rule().id(), c.rule());
                }
            }
        }
        findings.sort(Finding.ORDER);
        List<RuleInfo> ruleList = new ArrayList<>(rules.values());
        ruleList.sort(Comparator.comparing(RuleInfo::id));
        notes.sort(Comparator.comparing(Notification::file).thenComparingLong(Notification::offset)
                .thenComparing(Notification::message));
        AuditResult combined = new AuditResult(k.inputs(), k.patches(), k.chains(), findings, ruleList, notes,
                k.policy());
        return new AuditRun(kpatch, livepatch, scans, combined);
    }
}
