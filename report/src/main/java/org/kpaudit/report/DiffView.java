package org.kpaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.diff.PatchDiff;

/** The report tree of {@code kpaudit diff}. */
public final class DiffView {

    private DiffView() {
    }

    /** The report tree of {@code kpaudit diff} over two sets of patches. */
    public static Map<String, Object> tree(org.kpaudit.analyzer.diff.AuditDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", d.oldInput());
        m.put("new", d.newInput());
        m.put("identical", d.isEmpty());
        m.put("patches_added", d.added());
        m.put("patches_removed", d.removed());
        List<Object> pairs = new ArrayList<>();
        for (PatchDiff p : d.patches()) {
            pairs.add(tree(p));
        }
        m.put("patches", pairs);
        List<Object> chains = new ArrayList<>();
        for (org.kpaudit.analyzer.diff.AuditDiff.ChainChange c : d.chains()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("build_id", c.buildId());
            List<Object> ws = new ArrayList<>();
            for (PatchDiff.FieldChange w : c.winners()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("function", w.field());
                wm.put("old_winner", w.oldValue());
                wm.put("new_winner", w.newValue());
                ws.add(wm);
            }
            cm.put("winners", ws);
            chains.add(cm);
        }
        m.put("chains", chains);
        m.put("new_findings", findings(d.newFindings()));
        m.put("resolved_findings", findings(d.resolvedFindings()));
        return m;
    }

    private static List<Object> findings(List<org.kpaudit.analyzer.Finding> fs) {
        List<Object> out = new ArrayList<>();
        for (org.kpaudit.analyzer.Finding f : fs) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("check", f.checkId());
            fm.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
            fm.put("file", f.location().file());
            fm.put("function", f.location().function());
            fm.put("message", f.message());
            out.add(fm);
        }
        return out;
    }

    public static Map<String, Object> tree(PatchDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", d.oldPatch());
        m.put("new", d.newPatch());
        m.put("identical", d.isEmpty());
        m.put("header", changes(d.header()));
        List<Object> funcs = new ArrayList<>();
        for (PatchDiff.FunctionChange f : d.functions()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("function", f.function());
            fm.put("change", f.change().name().toLowerCase(java.util.Locale.ROOT));
            fm.put("kind", f.kind().toLowerCase(java.util.Locale.ROOT));
            if (!f.details().isEmpty()) {
                fm.put("details", f.details());
            }
            funcs.add(fm);
        }
        m.put("functions", funcs);
        List<Object> imps = new ArrayList<>();
        for (PatchDiff.ImportChange i : d.imports()) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("name", i.name());
            im.put("version", i.version());
            im.put("change", i.change().name().toLowerCase(java.util.Locale.ROOT));
            imps.add(im);
        }
        m.put("imports", imps);
        m.put("relocations", changes(d.relocations()));
        return m;
    }

    private static List<Object> changes(List<PatchDiff.FieldChange> cs) {
        List<Object> out = new ArrayList<>();
        for (PatchDiff.FieldChange c : cs) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("field", c.field());
            cm.put("old", c.oldValue());
            cm.put("new", c.newValue());
            out.add(cm);
        }
        return out;
    }
}
