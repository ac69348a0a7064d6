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
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.scan.AnonymousCode;
import org.kpaudit.analyzer.scan.AppliedRecord;
import org.kpaudit.analyzer.scan.EntryHook;
import org.kpaudit.analyzer.scan.HexBytes;
import org.kpaudit.analyzer.scan.LoadedObject;
import org.kpaudit.analyzer.scan.PatchRegion;
import org.kpaudit.analyzer.scan.PatchedFunction;
import org.kpaudit.analyzer.scan.ScanResult;
import org.kpaudit.analyzer.scan.StrayHeader;
import org.kpaudit.model.CoreSignal;
import org.kpaudit.model.JumpTable;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.Problem;

/**
 * Builds the report tree of {@code kpaudit scan}: per input, the mapped objects, the applied
 * patches with their records, the patched functions with their stacking order, hooks and stray
 * headers; then the findings and a summary. The same tree is written as YAML, JSON or text.
 */
public final class ScanView {

    private ScanView() {
    }

    /** The whole report: every scanned input, the findings of all of them, the rules they cite, a summary. */
    public static Map<String, Object> report(List<ScanResult> scans, List<Finding> findings, List<RuleInfo> rules,
            Severity failOn) {
        return report(scans, findings, rules, failOn, org.kpaudit.analyzer.Verdict.of(findings, failOn, 0, scans.size()));
    }

    /** The whole report, with the run's verdict (which counts the inputs that could not be read). */
    public static Map<String, Object> report(List<ScanResult> scans, List<Finding> findings, List<RuleInfo> rules,
            Severity failOn, org.kpaudit.analyzer.Verdict verdict) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ss = new ArrayList<>();
        for (ScanResult s : scans) {
            ss.add(scan(s));
        }
        m.put("scans", ss);
        List<Object> fs = new ArrayList<>();
        for (Finding f : findings) {
            fs.add(finding(f, rules));
        }
        m.put("findings", fs);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("inputs", scans.size());
        sum.put("patches", scans.stream().mapToInt(s -> s.regions().size()).sum());
        Map<String, Object> bySev = new LinkedHashMap<>();
        for (Severity sev : Severity.values()) {
            bySev.put(sev.name().toLowerCase(Locale.ROOT), findings.stream()
                    .filter(f -> f.severity() == sev && !"absent".equals(f.baseline())).count());
        }
        sum.put("findings", bySev);
        sum.put("verification", verification(scans));
        sum.put("fail_on", failOn.name().toLowerCase(Locale.ROOT));
        VerdictView.put(sum, verdict);
        if (!org.kpaudit.analyzer.disasm.Disassembler.available()) {
            // the hooks and records are shown as bytes only: say how to see them as code
            sum.put("disassembly", org.kpaudit.analyzer.disasm.Disassembler.HOW_TO_GET);
        }
        m.put("summary", sum);
        return m;
    }

    /** Counts of what was verified and what was not, over one or more scans. */
    public static Map<String, Object> verification(List<ScanResult> scans) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("objects_verified", scans.stream().mapToLong(ScanResult::objectsVerified).sum());
        v.put("objects_unverified", scans.stream().mapToLong(ScanResult::objectsUnverified).sum());
        v.put("patched_entries_verified", scans.stream().mapToLong(ScanResult::entriesVerified).sum());
        v.put("patched_entries_unverified", scans.stream().mapToLong(ScanResult::entriesUnverified).sum());
        v.put("function_entries_compared_with_files", scans.stream().mapToLong(ScanResult::functionsCompared).sum());
        v.put("code_bytes_examined_in_memory_only", scans.stream().mapToLong(ScanResult::codeExamined).sum());
        return v;
    }

    public static Map<String, Object> scan(ScanResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", s.input());
        m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        m.put("machine", InspectView.code(s.machine()));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", s.processName());
        p.put("command_line", s.commandLine());
        if (s.core() != null) {
            if (s.core().process() != null) {
                p.put("pid", s.core().process().pid());
            }
            CoreSignal sig = s.core().signal();
            if (sig != null) {
                p.put("signal", InspectView.code(sig.signal()));
            }
            p.put("threads", s.core().threads().size());
        }
        m.put("process", p);
        m.put("mappings", s.mappings().size());
        m.put("scanned_bytes", s.bytesScanned());
        List<Object> objs = new ArrayList<>();
        for (LoadedObject o : s.objects()) {
            objs.add(object(o));
        }
        m.put("objects", objs);
        List<Object> regs = new ArrayList<>();
        for (PatchRegion r : s.regions()) {
            regs.add(region(s, r));
        }
        m.put("patches", regs);
        List<Object> fns = new ArrayList<>();
        for (PatchedFunction f : s.functions()) {
            fns.add(function(s, f));
        }
        m.put("patched_functions", fns);
        m.put("verification", verification(List.of(s)));
        if (!s.hooks().isEmpty()) {
            List<Object> hs = new ArrayList<>();
            for (EntryHook h : s.hooks()) {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("address", hex(h.address()));
                hm.put("object", h.object().path());
                hm.put("object_offset", hex(h.address() - h.object().start()));
                hm.put("symbol", h.symbol());
                hm.put("found_by", h.detectedBy());
                hm.put("memory", bytes(h.memory()));
                hm.put("file", h.file().length == 0 ? null : bytes(h.file()));
                hm.put("jump", h.jumpKind());
                hm.put("jumps_to", h.target() == null ? null : hex(h.target()));
                hm.put("target", h.targetDescription());
                hm.put("target_mapping", h.targetMapping() == null ? null : hex(h.targetMapping().start()) + "-"
                        + hex(h.targetMapping().end()) + " " + h.targetMapping().perms()
                        + (h.targetMapping().path() == null ? " anonymous" : " " + h.targetMapping().path()));
                putCode(hm, "memory_code", s, h.memory(), h.address(), 3);
                putCode(hm, "file_code", s, h.file(), h.address(), 3);
                hs.add(hm);
            }
            m.put("hooks", hs);
        }
        if (!s.anonymousCode().isEmpty()) {
            List<Object> as = new ArrayList<>();
            for (AnonymousCode a : s.anonymousCode()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("start", hex(a.mapping().start()));
                am.put("end", hex(a.mapping().end()));
                am.put("size", a.mapping().size());
                am.put("perms", a.mapping().perms());
                am.put("path", a.mapping().path());
                am.put("in_image", a.mapping().presentBytes());
                am.put("first_bytes", a.firstBytes().length == 0 ? null : bytes(a.firstBytes()));
                am.put("holds_code", a.holdsCode());
                if (a.holdsCode()) {
                    putCode(am, "first_instructions", s, a.firstBytes(), a.mapping().start(), 4);
                }
                as.add(am);
            }
            m.put("anonymous_code", as);
        }
        if (!s.strays().isEmpty()) {
            List<Object> st = new ArrayList<>();
            for (StrayHeader h : s.strays()) {
                Map<String, Object> hm = new LinkedHashMap<>();
                hm.put("address", hex(h.address()));
                hm.put("mapping", h.mapping());
                hm.put("id", h.id());
                hm.put("why_not_a_patch", h.reason());
                st.add(hm);
            }
            m.put("other_kpatch_headers", st);
        }
        if (!s.warnings().isEmpty()) {
            List<Object> ws = new ArrayList<>();
            for (Problem w : s.warnings()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("file", w.file());
                wm.put("offset", w.offset() < 0 ? null : hex(w.offset()));
                wm.put("problem", w.reason());
                ws.add(wm);
            }
            m.put("warnings", ws);
        }
        return m;
    }

    private static Map<String, Object> object(LoadedObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", o.path());
        m.put("start", hex(o.start()));
        m.put("end", hex(o.end()));
        m.put("build_id", o.buildId());
        m.put("build_id_from", o.buildIdSource());
        m.put("verified", o.executable() ? o.verified() : null);
        if (o.file() != null) {
            m.put("file", o.file());
            m.put("file_from", o.fileSource());
        }
        if (o.note() != null) {
            m.put("note", o.note());
        }
        return m;
    }

    private static String where(LoadedObject o) {
        return o.path() + " at " + hex(o.start()) + "-" + hex(o.end());
    }

    private static Map<String, Object> region(ScanResult s, PatchRegion r) {
        KpatchHeader h = r.header();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("address", hex(r.address()));
        m.put("size", hex(r.size()));
        if (r.fileOffset() >= 0) {
            m.put("file_offset", hex(r.fileOffset()));
        }
        List<Object> maps = new ArrayList<>();
        for (Mapping x : r.mappings()) {
            maps.add(hex(x.start()) + "-" + hex(x.end()) + " " + x.perms());
        }
        m.put("mappings", maps);
        m.put("layout", h.layout().name());
        m.put("build_id", h.buildId());
        m.put("build_time", unsigned(h.buildTime()));
        m.put("object", r.object() == null ? null : where(r.object()));
        if (r.patchedObject() != null && r.patchedObject() != r.object()) {
            m.put("patches_object", where(r.patchedObject()));
        }
        m.put("machine", InspectView.code(r.machine()));
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("jmp_offset", hex(h.jmpOffset()));
        if (h.elfOffset() != null) {
            rt.put("elf_offset", hex(h.elfOffset()));
        }
        if (h.kpatchTotalMemSize() != null) {
            rt.put("kpatch_total_mem_sz", hex(h.kpatchTotalMemSize()));
        }
        rt.put("user_info", hex(h.userInfo()));
        rt.put("user_undo", hex(h.userUndo()));
        rt.put("user_level", unsigned(h.userLevel()));
        m.put("runtime", rt);
        if (r.jumpTable() != null) {
            JumpTable jt = r.jumpTable();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("address", hex(r.address() + h.jmpOffset()));
            j.put("size", unsigned(jt.size()));
            j.put("cur_entry", unsigned(jt.curEntry()));
            j.put("max_entry", unsigned(jt.maxEntry()));
            List<Object> es = new ArrayList<>();
            for (JumpTable.Entry e : jt.entries()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("index", e.index());
                em.put("import", r.importNames().get(e.index()));
                em.put("insn", hex(e.insn()));
                em.put("address", hex(e.address()));
                em.put("points_to", s.describe(e.address()));
                es.add(em);
            }
            j.put("entries", es);
            m.put("jump_table", j);
        } else {
            m.put("jump_table", null);
        }
        List<Object> recs = new ArrayList<>();
        for (AppliedRecord a : r.records()) {
            recs.add(record(s, r, a));
        }
        m.put("records", recs);
        m.put("info_terminated", r.infoTerminated());
        if (r.disk() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", r.disk().file());
            d.put("same", r.disk().same());
            d.put("differences", r.disk().differences());
            m.put("disk", d);
        }
        if (!r.problems().isEmpty()) {
            m.put("problems", r.problems());
        }
        return m;
    }

    private static Map<String, Object> record(ScanResult s, PatchRegion r, AppliedRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", a.index());
        m.put("name", a.name());
        m.put("function", a.function());
        m.put("kind", a.isNew() ? "new" : "changed");
        m.put("daddr", hex(a.raw().daddr()));
        m.put("saddr", hex(a.raw().saddr()));
        m.put("dlen", unsigned(a.raw().dlen()));
        m.put("slen", unsigned(a.raw().slen()));
        if (!a.isNew()) {
            int hunk = r.hunkSize();
            m.put("entry", a.entry().length == 0 ? null : bytes(head(a.entry(), hunk)));
            if (a.entryProblem() != null) {
                m.put("entry_problem", a.entryProblem());
            }
            m.put("entry_jumps_to", a.entryTarget() == null ? null : hex(a.entryTarget()));
            m.put("expected_jump", bytes(a.expectedJump()));
            m.put("saved", a.saved().length == 0 ? null : bytes(a.saved()));
            m.put("saved_jumps_to", a.savedTarget() == null ? null
                    : hex(a.savedTarget()) + " (" + s.describe(a.savedTarget()) + ")");
            putCode(m, "entry_code", s, head(a.entry(), hunk), a.raw().daddr(), 2);
            putCode(m, "saved_code", s, a.saved(), a.raw().daddr(), 4);
        }
        m.put("state", a.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return m;
    }

    private static Map<String, Object> function(ScanResult s, PatchedFunction f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", f.function());
        m.put("address", hex(f.address()));
        m.put("object", f.object() == null ? null : f.object().path());
        m.put("entry", f.entry().length == 0 ? null : bytes(head(f.entry(), 8)));
        m.put("entry_jumps_to", f.entryTarget() == null ? null
                : hex(f.entryTarget()) + " (" + s.describe(f.entryTarget()) + ")");
        List<Object> st = new ArrayList<>();
        for (PatchedFunction.Ref r : f.stack()) {
            st.add(r.toString());
        }
        m.put("stack", st);
        m.put("original_bytes", f.original().length == 0 ? null : bytes(f.original()));
        if (f.originalTarget() != null) {
            m.put("original_jumps_to", hex(f.originalTarget()) + " (" + s.describe(f.originalTarget()) + ")");
        }
        if (!f.inactive().isEmpty()) {
            m.put("inactive", f.inactive().stream().map(PatchedFunction.Ref::toString).toList());
        }
        m.put("original_vs_file", f.stack().isEmpty() ? null
                : f.originalVsFile().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("verified", f.verified());
        return m;
    }

    /** A finding as the reports show it (rule id and name, severity, message, location). */
    public static Map<String, Object> finding(Finding f, List<RuleInfo> rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", f.checkId());
        m.put("name", rules.stream().filter(r -> r.id().equals(f.checkId())).map(RuleInfo::name).findFirst()
                .orElse(null));
        m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        if (f.unverified()) {
            m.put("unverified", true);
        }
        m.put("message", f.message());
        Location l = f.location();
        Map<String, Object> lm = new LinkedHashMap<>();
        lm.put("file", l.file());
        lm.put("offset", l.byteOffset() < 0 ? null : hex(l.byteOffset()));
        lm.put("length", l.byteOffset() < 0 ? null : l.byteLength());
        lm.put("patch", l.patch());
        lm.put("function", l.function());
        lm.put("symbol", l.symbol());
        lm.put("object", l.object());
        m.put("location", lm);
        if (f.baseline() != null) {
            m.put("baseline", f.baseline());
        }
        if (f.suppressed() != null) {
            m.put("suppressed", f.suppressed());
        }
        return m;
    }

    private static void putCode(Map<String, Object> m, String key, ScanResult s, byte[] code, long address, int max) {
        String text = code(s, code, address, max);
        if (!text.isEmpty()) {
            m.put(key, text);
        }
    }

    /**
     * The first instructions of {@code code} at {@code address}, as one line ("jmp 0x...; retq"), up to
     * {@code max} or the first unconditional jump or return; "" when capstone is not installed or the
     * image is neither x86_64 nor aarch64.
     */
    public static String code(ScanResult s, byte[] code, long address, int max) {
        if (code == null || code.length == 0 || !org.kpaudit.analyzer.disasm.Disassembler.available()
                || s.machine() == null) {
            return "";
        }
        org.kpaudit.analyzer.disasm.Disassembler.Arch arch = org.kpaudit.analyzer.disasm.Disassembler.Arch.of(
                s.machine().value());
        if (arch == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (org.kpaudit.analyzer.disasm.Disassembler.Instruction in
                : org.kpaudit.analyzer.disasm.Disassembler.disassemble(arch, code, address, max)) {
            parts.add(in.text());
            String mn = in.mnemonic();
            if (mn.startsWith("ret") || mn.equals("jmp") || mn.equals("jmpq") || mn.equals("b") || mn.equals("br")) {
                break; // where the code stops falling through: what follows is not its continuation
            }
        }
        return String.join("; ", parts);
    }

    static String bytes(byte[] b) {
        return HexBytes.spaced(b);
    }

    private static byte[] head(byte[] b, int n) {
        return b.length <= n ? b : java.util.Arrays.copyOf(b, n);
    }
}
