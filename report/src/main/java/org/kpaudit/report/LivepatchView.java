package org.kpaudit.report;

import static org.kpaudit.report.Values.hex;
import static org.kpaudit.report.Values.unsigned;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.livepatch.LivepatchAnalyzer;
import org.kpaudit.analyzer.livepatch.LivepatchChain;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.KlpCallbacks;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.KpatchSections;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.ModinfoEntry;
import org.kpaudit.model.ModuleVersion;
import org.kpaudit.model.PointerTarget;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Symbol;

/**
 * Report trees for kernel modules read as livepatches ({@code inspect} of a {@code .ko}) and for
 * {@code kpaudit chain}. Values the file does not give are {@code null} with the reason under
 * {@code unknown}.
 */
public final class LivepatchView {

    private LivepatchView() {
    }

    // ------------------------------------------------------------------ one module

    /** What a module holds as a livepatch; {@code relocations} lists every .klp.rela entry. */
    public static Map<String, Object> module(LivepatchModule m, boolean relocations) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", m.name());
        t.put("name_source", m.nameSource());
        t.put("livepatch", m.isLivepatch());
        t.put("vermagic", m.vermagic());
        t.put("kernel", m.kernel() == null ? null : m.kernel().release());
        t.put("ksym_name_len", m.ksymNameLen());
        t.put("ksym_name_len_basis", m.ksymNameLenBasis());
        t.put("srcversion", m.srcversion());
        t.put("license", m.license());
        t.put("depends", m.depends());
        List<Object> mi = new ArrayList<>();
        for (ModinfoEntry e : m.modinfo()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("key", e.key());
            em.put("value", e.value());
            mi.add(em);
        }
        t.put("modinfo", mi);
        if (m.patch() != null) {
            t.put("patch", patch(m.patch()));
        } else {
            t.put("patch", null);
            t.put("unknown", unknown("patch", m.patchUnknown()));
        }
        List<Object> relas = new ArrayList<>();
        for (KlpRelaSection rs : m.klpRelaSections()) {
            relas.add(klpRela(rs, relocations));
        }
        t.put("klp_rela_sections", relas);
        List<Object> syms = new ArrayList<>();
        for (KlpSymbol k : m.klpSymbols()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", k.symbol().name());
            sm.put("section_index", InspectView.sectionIndexName(k.symbol().shndx()));
            sm.put("object", k.name().objectName());
            sm.put("symbol", k.name().symbolName());
            sm.put("sympos", k.name().sympos());
            if (!k.name().wellFormed()) {
                sm.put("problem", k.name().problem());
            }
            syms.add(sm);
        }
        t.put("klp_symbols", syms);
        if (m.kpatch() != null) {
            t.put("kpatch", kpatch(m.kpatch()));
        }
        t.put("undefined_symbols", m.undefinedSymbols().stream().map(Symbol::name).toList());
        List<Object> vers = new ArrayList<>();
        for (ModuleVersion v : m.versions()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("name", v.name());
            vm.put("crc", hex(v.crc()));
            vers.add(vm);
        }
        t.put("versions", vers);
        if (!m.warnings().isEmpty()) {
            t.put("warnings", problems(m.warnings()));
        }
        return t;
    }

    private static Map<String, Object> patch(KlpPatch p) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("origin", p.origin() == KlpPatch.Origin.STATIC_DATA ? "static klp structs" : ".kpatch.funcs");
        t.put("found_by", p.foundBy());
        if (p.section() != null) {
            t.put("section", p.section());
            t.put("offset", hex(p.sectionOffset()));
        }
        t.put("file_offset", p.fileOffset() < 0 ? null : hex(p.fileOffset()));
        t.put("symbol", p.symbol());
        t.put("replace", p.replace());
        List<Object> states = null;
        if (p.states() != null) {
            states = new ArrayList<>();
            for (KlpState s : p.states()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("id", hex(s.id()));
                sm.put("version", unsigned(s.version()));
                states.add(sm);
            }
        }
        t.put("states", states);
        if (p.funcStride() != null || p.objectStride() != null) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("klp_object", p.objectStride());
            st.put("klp_object_basis", p.objectStrideBasis());
            st.put("klp_func", p.funcStride());
            st.put("klp_func_basis", p.funcStrideBasis());
            t.put("strides", st);
        }
        List<Object> objs = new ArrayList<>();
        for (KlpObject o : p.objects()) {
            objs.add(object(o));
        }
        t.put("objects", objs);
        if (!p.unknown().isEmpty()) {
            t.put("unknown", new java.util.TreeMap<>(p.unknown()));
        }
        return t;
    }

    private static Map<String, Object> object(KlpObject o) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", o.objectName());
        t.put("file_offset", o.fileOffset() < 0 ? null : hex(o.fileOffset()));
        if (o.funcsNull()) {
            t.put("funcs_null", true);
        }
        t.put("callbacks", callbacks(o.callbacks()));
        List<Object> fs = new ArrayList<>();
        for (KlpFunc f : o.funcs()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("old_name", f.oldName());
            fm.put("old_sympos", unsigned(f.oldSympos()));
            fm.put("new_func", f.newFunc() == null ? null : f.newFunc().display());
            if (f.newFunc() != null && f.newFunc().section() != null) {
                fm.put("new_func_at", f.newFunc().section() + "+" + hex(f.newFunc().offset()));
                fm.put("new_func_size", f.newFunc().size());
            }
            if (f.oldAddress() != null) {
                fm.put("old_addr", hex(f.oldAddress()));
                fm.put("old_size", unsigned(f.oldSize()));
                fm.put("new_size", unsigned(f.newSize()));
            }
            fm.put("file_offset", f.fileOffset() < 0 ? null : hex(f.fileOffset()));
            if (!f.unknown().isEmpty()) {
                fm.put("unknown", new java.util.TreeMap<>(f.unknown()));
            }
            fs.add(fm);
        }
        t.put("functions", fs);
        if (!o.unknown().isEmpty()) {
            t.put("unknown", new java.util.TreeMap<>(o.unknown()));
        }
        return t;
    }

    private static Map<String, Object> callbacks(KlpCallbacks c) {
        Map<String, Object> t = new LinkedHashMap<>();
        for (Map.Entry<String, PointerTarget> e : c.present().entrySet()) {
            t.put(e.getKey(), e.getValue().display());
        }
        return t;
    }

    private static Map<String, Object> klpRela(KlpRelaSection rs, boolean entries) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("section", rs.section().name());
        t.put("index", rs.section().index());
        t.put("object", rs.objectName());
        t.put("target", rs.target() == null ? null : rs.target().name());
        t.put("flags", InspectView.sectionFlags(rs.section().flags()));
        t.put("type", InspectView.code(rs.section().type()));
        t.put("relocations", rs.entries().size());
        if (entries) {
            List<Object> es = new ArrayList<>();
            for (KlpRelaSection.Entry e : rs.entries()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("offset", hex(e.relocation().offset()));
                em.put("type", InspectView.code(e.relocation().type()));
                em.put("symbol", e.symbol() == null ? null : e.symbol().name());
                em.put("addend", e.relocation().addend());
                es.add(em);
            }
            t.put("entries", es);
        } else {
            t.put("symbols", rs.entries().stream().map(e -> e.symbol() == null ? null : e.symbol().name()).distinct()
                    .toList());
        }
        return t;
    }

    private static Map<String, Object> kpatch(KpatchSections k) {
        Map<String, Object> t = new LinkedHashMap<>();
        List<Object> fs = new ArrayList<>();
        for (KpatchSections.Func f : k.funcs()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("object", f.objectName());
            fm.put("sympos", unsigned(f.sympos()));
            fm.put("old_addr", hex(f.oldAddr()));
            fm.put("old_size", unsigned(f.oldSize()));
            fm.put("new_func", f.newFunc() == null ? null : f.newFunc().display());
            fm.put("new_size", unsigned(f.newSize()));
            fs.add(fm);
        }
        t.put("funcs", fs);
        List<Object> dr = new ArrayList<>();
        for (KpatchSections.Dynrela d : k.dynrelas()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("dest", d.dest() == null ? null : d.dest().display());
            dm.put("type", InspectView.code(d.type()));
            dm.put("name", d.name());
            dm.put("object", d.objectName());
            dm.put("sympos", unsigned(d.sympos()));
            dm.put("src", hex(d.src()));
            dm.put("external", d.external());
            dm.put("addend", d.addend());
            dr.add(dm);
        }
        if (!dr.isEmpty()) {
            t.put("dynrelas", dr);
        }
        List<Object> sy = new ArrayList<>();
        for (KpatchSections.SymbolRecord s : k.symbols()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("object", s.objectName());
            sm.put("sympos", unsigned(s.sympos()));
            sm.put("bind", InspectView.code(s.bind()));
            sm.put("type", InspectView.code(s.type()));
            sy.add(sm);
        }
        if (!sy.isEmpty()) {
            t.put("symbols", sy);
        }
        List<Object> rl = new ArrayList<>();
        for (KpatchSections.RelocationRecord r : k.relocations()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("dest", r.dest() == null ? null : r.dest().display());
            rm.put("type", InspectView.code(r.type()));
            rm.put("object", r.objectName());
            rm.put("symbol_record", r.symbolIndex() < 0 ? null : r.symbolIndex());
            rm.put("external", r.external());
            rm.put("addend", r.addend());
            rl.add(rm);
        }
        if (!rl.isEmpty()) {
            t.put("relocations", rl);
        }
        List<Object> cb = new ArrayList<>();
        for (KpatchSections.Callback c : k.callbacks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("kind", c.kind());
            cm.put("object", c.objectName());
            cm.put("callback", c.callback() == null ? null : c.callback().display());
            cb.add(cm);
        }
        t.put("callbacks", cb);
        if (k.checksum() != null) {
            t.put("checksum", k.checksum());
        }
        return t;
    }

    // ------------------------------------------------------------------ chain

    /** The report of {@code kpaudit chain}. */
    public static Map<String, Object> chain(LivepatchAnalyzer.Report r) {
        return chain(r, null);
    }

    /** The chain report, with the run's verdict in its summary (none when null). */
    public static Map<String, Object> chain(LivepatchAnalyzer.Report r, org.kpaudit.analyzer.Verdict verdict) {
        Map<String, Object> t = new LinkedHashMap<>();
        List<Object> mods = new ArrayList<>();
        int pos = 0;
        for (LivepatchModule m : r.modules()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("position", ++pos);
            mm.put("file", m.path());
            mm.put("name", m.name());
            mm.put("kernel", m.kernel() == null ? null : m.kernel().release());
            mm.put("replace", m.patch() == null ? null : m.patch().replace());
            if (m.patch() == null) {
                mm.put("unknown", unknown("patch", m.patchUnknown()));
            } else if (m.patch().replace() == null) {
                mm.put("unknown", unknown("replace", m.patch().unknown().get("replace")));
            }
            if (!m.warnings().isEmpty()) {
                mm.put("warnings", problems(m.warnings()));
            }
            mods.add(mm);
        }
        t.put("modules", mods);
        List<Object> targets = new ArrayList<>();
        for (KernelSymbols k : r.targets()) {
            targets.add(target(k));
        }
        t.put("targets", targets);
        List<Object> steps = new ArrayList<>();
        for (LivepatchChain.Step st : r.chain().steps()) {
            steps.add(step(st));
        }
        t.put("chain", steps);
        Map<String, String> ruleNames = new java.util.HashMap<>();
        r.rules().forEach(x -> ruleNames.put(x.id(), x.name()));
        t.put("findings", findings(r.findings(), ruleNames));
        Map<String, Object> sum = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            sum.put(s.name().toLowerCase(Locale.ROOT), r.findings().stream().filter(f -> f.severity() == s).count());
        }
        if (verdict != null) {
            VerdictView.put(sum, verdict);
        }
        t.put("summary", sum);
        if (!r.notifications().isEmpty()) {
            t.put("notifications", r.notifications());
        }
        return t;
    }

    private static Map<String, Object> target(KernelSymbols k) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("file", k.path());
        t.put("format", k.format().label());
        t.put("objects", k.objects().stream().sorted().toList());
        t.put("symbols", k.symbols().values().stream().mapToLong(List::size).sum());
        t.put("exports", k.exports().size());
        t.put("ftrace_sites", k.ftrace() == null ? null : k.ftrace().count());
        if (k.ftrace() == null) {
            t.put("unknown", unknown("ftrace_sites", k.ftraceUnknown()));
        }
        if (!k.warnings().isEmpty()) {
            t.put("warnings", problems(k.warnings()));
        }
        return t;
    }

    private static Map<String, Object> step(LivepatchChain.Step st) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("position", st.position());
        t.put("module", st.module().displayName());
        t.put("file", st.module().path());
        t.put("replace", st.replace());
        if (st.unknown() != null) {
            t.put("unknown", unknown("patch", st.unknown()));
            return t;
        }
        t.put("enabled_before", names(st.enabledBefore()));
        t.put("replaces", names(st.replaced()));
        List<Object> fs = new ArrayList<>();
        for (LivepatchChain.FunctionStep f : st.functions()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("object", f.key().object());
            fm.put("function", f.key().name());
            fm.put("sympos", unsigned(f.key().sympos()));
            fm.put("change", f.change().name().toLowerCase(Locale.ROOT));
            fm.put("new_func", f.func() == null || f.func().newFunc() == null ? null : f.func().newFunc().display());
            fm.put("previously", names(f.previous()));
            fs.add(fm);
        }
        t.put("functions", fs);
        if (!st.wouldRevert().isEmpty()) {
            t.put("reverts_if_cumulative", st.wouldRevert().stream().map(Object::toString).toList());
        }
        List<Object> ss = new ArrayList<>();
        for (LivepatchChain.StateStep s : st.states()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", hex(s.id()));
            sm.put("version", s.version() == null ? null : unsigned(s.version()));
            sm.put("change", s.change().name().toLowerCase(Locale.ROOT));
            sm.put("previous_version", s.previousVersion() == null ? null : unsigned(s.previousVersion()));
            sm.put("previously", names(s.previous()));
            ss.add(sm);
        }
        t.put("states", ss);
        List<Object> cb = new ArrayList<>();
        for (LivepatchChain.SkippedCallbacks sc : st.skippedCallbacks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("module", sc.module().displayName());
            cm.put("object", sc.object().objectName());
            Map<String, Object> fns = new LinkedHashMap<>();
            sc.callbacks().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> fns.put(e.getKey(), e.getValue().display()));
            cm.put("callbacks", fns);
            cb.add(cm);
        }
        t.put("callbacks_not_run", cb);
        return t;
    }

    private static Map<String, Object> unknown(String field, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(field, reason == null ? "not recorded in the file" : reason);
        return m;
    }

    private static List<String> names(List<LivepatchModule> ms) {
        return ms.stream().map(LivepatchModule::displayName).toList();
    }

    /** Findings as report entries, in the given order, with the rule names given by id. */
    public static List<Object> findings(List<Finding> findings, Map<String, String> ruleNames) {
        List<Object> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("rule", f.checkId());
            fm.put("name", ruleNames.get(f.checkId()));
            fm.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            fm.put("message", f.message());
            Location l = f.location();
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("file", l.file());
            lm.put("offset", l.byteOffset() < 0 ? null : hex(l.byteOffset()));
            lm.put("length", l.byteLength());
            lm.put("patch", l.patch());
            lm.put("section", l.section());
            lm.put("symbol", l.symbol());
            lm.put("function", l.function());
            fm.put("location", lm);
            out.add(fm);
        }
        return out;
    }

    private static List<Object> problems(List<Problem> ps) {
        List<Object> out = new ArrayList<>();
        for (Problem p : ps) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("offset", p.offset() < 0 ? null : hex(p.offset()));
            pm.put("problem", p.reason());
            out.add(pm);
        }
        return out;
    }
}
