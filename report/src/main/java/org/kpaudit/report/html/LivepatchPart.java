package org.kpaudit.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kpaudit.analyzer.livepatch.LivepatchAnalyzer;
import org.kpaudit.analyzer.livepatch.LivepatchChain;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.LivepatchModule;

/**
 * The kernel livepatch part of the HTML report: for each kernel release, the modules in load
 * order drawn as a chain (which module's version of each function runs, and which functions a
 * cumulative patch reverts), then each module's klp_patch, objects, functions, states and callbacks.
 */
public final class LivepatchPart implements HtmlReport.Part {

    private final List<LivepatchAnalyzer.Report> reports;

    public LivepatchPart(List<LivepatchAnalyzer.Report> reports) {
        this.reports = List.copyOf(reports);
    }

    @Override
    public String title() {
        int n = reports.stream().mapToInt(r -> r.modules().size()).sum();
        return n + " livepatch modules";
    }

    @Override
    public String anchor() {
        return "livepatch";
    }

    @Override
    public void render(Html h) {
        h.open("section", "id", anchor()).el("h2", "Kernel livepatch modules");
        for (LivepatchAnalyzer.Report r : reports) {
            String release = r.modules().isEmpty() || r.modules().get(0).kernel() == null ? "unknown kernel"
                    : r.modules().get(0).kernel().release();
            h.open("section", "class", "module-chain", "data-kernel", release);
            h.el("h3", "Kernel " + release + ": " + r.modules().size() + " module(s) in load order");
            diagram(h, r.chain());
            for (LivepatchModule m : r.modules()) {
                module(h, m);
            }
            h.close("section");
        }
        h.close("section");
    }

    private static String label(LivepatchChain.FunctionKey k) {
        return (k.object() == null ? "vmlinux" : k.object()) + ":" + k.name() + "," + k.sympos();
    }

    /** Columns: modules in load order; rows: functions; filled: the version that runs after the last load. */
    private static void diagram(Html h, LivepatchChain chain) {
        List<LivepatchModule> mods = chain.modules();
        TreeMap<String, boolean[]> touched = new TreeMap<>();
        TreeMap<String, Integer> winner = new TreeMap<>();
        for (int p = 0; p < mods.size(); p++) {
            LivepatchModule m = mods.get(p);
            Map<LivepatchChain.FunctionKey, KlpFunc> funcs = LivepatchChain.functions(m);
            boolean replace = m.patch() != null && Boolean.TRUE.equals(m.patch().replace());
            if (replace) {
                for (String f : winner.keySet()) {
                    winner.put(f, -1);
                }
            }
            for (LivepatchChain.FunctionKey k : funcs.keySet()) {
                String f = label(k);
                touched.computeIfAbsent(f, x -> new boolean[mods.size()])[p] = true;
                winner.put(f, p);
            }
        }
        List<String> rows = new ArrayList<>(touched.keySet());
        boolean[][] touches = new boolean[rows.size()][];
        int[] win = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            touches[i] = touched.get(rows.get(i));
            win[i] = winner.getOrDefault(rows.get(i), -1);
        }
        List<String> cols = new ArrayList<>();
        for (LivepatchModule m : mods) {
            boolean replace = m.patch() != null && Boolean.TRUE.equals(m.patch().replace());
            cols.add((m.name() == null ? "?" : m.name()) + (replace ? " (replace)" : ""));
        }
        h.open("figure").raw(new ChainDiagram(cols, rows, touches, win).svg())
                .el("figcaption", "Columns: modules in load order. Rows: patched functions (object:name,sympos)."
                        + " Filled: the version that runs after the last load; a cumulative patch (replace) reverts"
                        + " every function it does not patch itself.", "class", "muted")
                .close("figure");
        h.open("table", "class", "steps").open("thead").open("tr").el("th", "#", "class", "num").el("th", "module")
                .el("th", "replaces").el("th", "functions").el("th", "states").close("tr").close("thead")
                .open("tbody");
        for (LivepatchChain.Step st : chain.steps()) {
            List<String> fs = new ArrayList<>();
            for (LivepatchChain.FunctionStep fs1 : st.functions()) {
                fs.add(label(fs1.key()) + " " + fs1.change().name().toLowerCase(java.util.Locale.ROOT));
            }
            List<String> ss = new ArrayList<>();
            for (LivepatchChain.StateStep s : st.states()) {
                ss.add("0x" + Long.toHexString(s.id()) + (s.version() == null ? "" : " v" + s.version()) + " "
                        + s.change().name().toLowerCase(java.util.Locale.ROOT));
            }
            List<String> rep = new ArrayList<>();
            st.replaced().forEach(x -> rep.add(x.name()));
            h.open("tr").el("td", Integer.toString(st.position()), "class", "num")
                    .el("td", st.module().name(), "class", "mono")
                    .el("td", String.join(", ", rep), "class", "mono")
                    .el("td", String.join("; ", fs), "class", "mono")
                    .el("td", String.join("; ", ss), "class", "mono").close("tr");
        }
        h.close("tbody").close("table");
    }

    private static void module(Html h, LivepatchModule m) {
        h.open("section", "class", "module", "data-file", m.path());
        h.el("h4", (m.name() == null ? "(no name)" : m.name()) + " \u2014 " + m.path());
        h.open("dl", "class", "kv");
        kv(h, "file", m.path());
        kv(h, "kind", m.kind().name());
        kv(h, "vermagic", m.modinfo().stream().filter(e -> e.key().equals("vermagic")).map(e -> e.value())
                .findFirst().orElse(""));
        if (m.patch() == null) {
            kv(h, "klp_patch", "unknown: " + m.patchUnknown());
        } else {
            kv(h, "replace", m.patch().replace() == null ? "unknown: " + m.patch().unknown().get("replace")
                    : m.patch().replace().toString());
            List<String> states = new ArrayList<>();
            for (KlpState s : m.patch().states()) {
                states.add("0x" + Long.toHexString(s.id()) + " v" + s.version());
            }
            kv(h, "states", states.isEmpty() ? "none" : String.join(", ", states));
        }
        h.close("dl");
        if (m.patch() != null) {
            h.open("table", "class", "klp-functions").open("thead").open("tr").el("th", "object").el("th", "old_name")
                    .el("th", "old_sympos", "class", "num").el("th", "new function").el("th", "callbacks")
                    .close("tr").close("thead").open("tbody");
            for (KlpObject o : m.patch().objects()) {
                String cb = callbacks(o);
                for (KlpFunc f : o.funcs()) {
                    h.open("tr").el("td", o.name() == null ? "vmlinux" : o.name(), "class", "mono")
                            .el("td", f.oldName(), "class", "mono")
                            .el("td", Long.toString(f.oldSympos()), "class", "num")
                            .el("td", f.newFunc() == null ? "" : f.newFunc().display(), "class", "mono")
                            .el("td", cb).close("tr");
                }
            }
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    private static String callbacks(KlpObject o) {
        if (o.callbacks() == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        if (o.callbacks().prePatch() != null) {
            out.add("pre_patch");
        }
        if (o.callbacks().postPatch() != null) {
            out.add("post_patch");
        }
        if (o.callbacks().preUnpatch() != null) {
            out.add("pre_unpatch");
        }
        if (o.callbacks().postUnpatch() != null) {
            out.add("post_unpatch");
        }
        return String.join(", ", out);
    }

    private static void kv(Html h, String k, String v) {
        h.el("dt", k).el("dd", v == null ? "" : v, "class", "mono");
    }
}
