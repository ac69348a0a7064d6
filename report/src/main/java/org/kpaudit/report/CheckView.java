package org.kpaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.analyzer.Severity;

/**
 * The report tree of {@code kpaudit check} (YAML, JSON and text share it; the schema is in
 * README.md "check output"): summary, inputs, patches, chains, findings, notifications, rules.
 */
public final class CheckView {

    /** Version of the check report schema; bumped on incompatible changes. */
    public static final int SCHEMA = 1;

    private CheckView() {
    }

    public static Map<String, Object> tree(AuditResult r, Severity failOn) {
        return tree(r, failOn, null);
    }

    /**
     * @param verdict the run's verdict when its subjects are more than the result's patches
     *     (audit: modules and cores too), or null for {@link AuditResult#verdict}
     */
    public static Map<String, Object> tree(AuditResult r, Severity failOn, org.kpaudit.analyzer.Verdict verdict) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "kpaudit-check/" + SCHEMA);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("patches", r.patches().size());
        summary.put("chains", r.chains().size());
        summary.put("errors", count(r, Severity.ERROR));
        summary.put("warnings", count(r, Severity.WARNING));
        summary.put("notes", count(r, Severity.NOTE));
        summary.put("fail_on", failOn.name().toLowerCase(java.util.Locale.ROOT));
        summary.put("failed", r.findings().stream().anyMatch(f -> f.counts() && f.severity().atLeast(failOn)));
        long suppressed = r.findings().stream().filter(f -> f.suppressed() != null).count();
        if (suppressed > 0) {
            summary.put("suppressed", suppressed);
        }
        if (r.findings().stream().anyMatch(f -> f.baseline() != null)) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("new", r.findings().stream().filter(f -> "new".equals(f.baseline())).count());
            b.put("unchanged", r.findings().stream().filter(f -> "unchanged".equals(f.baseline())).count());
            b.put("absent", r.findings().stream().filter(f -> "absent".equals(f.baseline())).count());
            summary.put("baseline", b);
        }
        VerdictView.put(summary, verdict == null ? r.verdict(failOn) : verdict);
        root.put("summary", summary);
        List<Object> inputs = new ArrayList<>();
        for (AuditResult.Input i : r.inputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", i.path());
            m.put("kind", i.kind());
            m.put("patches", i.patches());
            inputs.add(m);
        }
        root.put("inputs", inputs);
        root.put("policy", r.policy());
        List<Object> patches = new ArrayList<>();
        for (AuditResult.PatchInfo p : r.patches()) {
            patches.add(patch(p));
        }
        root.put("patches", patches);
        List<Object> chains = new ArrayList<>();
        for (AuditResult.ChainInfo c : r.chains()) {
            chains.add(chain(c));
        }
        root.put("chains", chains);
        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(finding(f));
        }
        root.put("findings", findings);
        List<Object> notes = new ArrayList<>();
        for (Notification n : r.notifications()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", n.level());
            m.put("file", n.file());
            if (n.offset() >= 0) {
                m.put("offset", Values.hex(n.offset()));
            }
            if (n.ruleId() != null) {
                m.put("check", n.ruleId());
            }
            m.put("message", n.message());
            notes.add(m);
        }
        root.put("notifications", notes);
        List<Object> rules = new ArrayList<>();
        for (RuleInfo ri : r.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", ri.id());
            m.put("name", ri.name());
            m.put("severity", ri.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("subject", ri.subject());
            rules.add(m);
        }
        root.put("rules", rules);
        return root;
    }

    private static long count(AuditResult r, Severity s) {
        return r.findings().stream().filter(f -> f.severity() == s && !"absent".equals(f.baseline())).count();
    }

    static Map<String, Object> patch(AuditResult.PatchInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("id", p.id());
        m.put("build_id", p.buildId());
        m.put("layout", p.layout());
        m.put("arch", p.arch());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("status", p.targetStatus().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        t.put("path", p.target());
        t.put("found_by", p.targetFoundBy());
        t.put("build_id", p.targetBuildId());
        m.put("target", t);
        m.put("changed", functions(p.changed(), true));
        m.put("new", functions(p.added(), false));
        m.put("imports", p.imports());
        if (p.chain() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("build_id", p.chain());
            c.put("position", p.chainPosition());
            c.put("level", p.level());
            m.put("chain", c);
        } else if (p.level() != null) {
            m.put("level", p.level());
        }
        return m;
    }

    private static List<Object> functions(List<AuditResult.Function> fs, boolean changed) {
        List<Object> out = new ArrayList<>();
        for (AuditResult.Function f : fs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            if (changed) {
                m.put("address", f.address() == null ? null : Values.hex(f.address()));
                m.put("size", f.size());
            }
            m.put("new_size", f.newSize());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> chain(AuditResult.ChainInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("build_id", c.buildId());
        m.put("order", c.order());
        if (c.latest() != null) {
            m.put("latest", c.latest());
        }
        List<Object> members = new ArrayList<>();
        for (AuditResult.ChainMember cm : c.members()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("position", cm.position());
            x.put("id", cm.id());
            x.put("level", cm.level());
            x.put("file", cm.file());
            members.add(x);
        }
        m.put("members", members);
        List<Object> overlaps = new ArrayList<>();
        for (AuditResult.Overlap o : c.overlaps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("function", o.function());
            x.put("patches", o.patches());
            x.put("winner", o.winner());
            overlaps.add(x);
        }
        m.put("overlaps", overlaps);
        m.put("unpatch_order", c.unpatchOrder());
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", f.checkId());
        m.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        if (f.unverified()) {
            m.put("unverified", true);
        }
        Location l = f.location();
        m.put("file", l.file());
        if (l.byteOffset() >= 0) {
            m.put("offset", Values.hex(l.byteOffset()));
            m.put("length", l.byteLength());
        }
        putIf(m, "patch", l.patch());
        putIf(m, "section", l.section());
        putIf(m, "symbol", l.symbol());
        putIf(m, "function", l.function());
        putIf(m, "object", l.object());
        m.put("message", f.message());
        putIf(m, "baseline", f.baseline());
        putIf(m, "suppressed", f.suppressed());
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
