package org.kpaudit.report.html;

import static org.kpaudit.report.Values.hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.Verdict;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.SymbolRef;
import org.kpaudit.report.InspectView;

/**
 * The self-contained HTML audit report: one file, inline CSS and a small optional script, no
 * external resource. A pure function of its inputs (no clock, no environment), so two runs over
 * the same files give the same bytes. Every string from an input file is escaped by {@link Html}.
 */
public final class HtmlReport {

    /** Relocation entries listed per patch before the table is cut (the rest is counted). */
    static final int MAX_RELOC_ROWS = 2000;

    private final Html h = new Html();
    private int tableId;
    private Verdict verdict;

    private HtmlReport() {
    }

    /** Extra sections contributed by other parts of an audit (livepatch modules, cores), in order. */
    public interface Part {
        /** Short title for the table of contents. */
        String title();

        /** Anchor id of the part's section. */
        String anchor();

        void render(Html out);
    }

    public static void write(CheckRun run, Severity failOn, String version, List<Part> parts, Writer w) {
        write(run, run.result(), failOn, version, parts, w);
    }

    /**
     * @param run the .kpatch checks (patch sections, chains)
     * @param all the result whose findings, rules and notifications the report lists (the kpatch
     *     result, or one that also holds the findings of the other parts)
     */
    public static void write(CheckRun run, AuditResult all, Severity failOn, String version, List<Part> parts,
            Writer w) {
        write(run, all, all.verdict(failOn), failOn, version, parts, w);
    }

    /** As above, with the run's verdict (an audit's covers modules and cores as well as patches). */
    public static void write(CheckRun run, AuditResult all, Verdict verdict, Severity failOn, String version,
            List<Part> parts, Writer w) {
        HtmlReport r = new HtmlReport();
        r.verdict = verdict;
        r.page(run, all, failOn, version, parts);
        try {
            w.write(r.h.toString());
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(CheckRun run, Severity failOn, String version, List<Part> parts) {
        java.io.StringWriter sw = new java.io.StringWriter();
        write(run, failOn, version, parts, sw);
        return sw.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void page(CheckRun run, AuditResult r, Severity failOn, String version, List<Part> parts) {
        h.raw("<!DOCTYPE html>\n").open("html", "lang", "en").nl();
        h.open("head").empty("meta", "charset", "utf-8").empty("meta", "name", "viewport", "content",
                "width=device-width, initial-scale=1");
        h.empty("meta", "http-equiv", "Content-Security-Policy", "content",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
        h.el("title", "kpaudit report");
        h.open("style").raw(resource("report.css")).close("style").close("head").nl();
        h.open("body");
        summary(r, failOn, parts);
        h.open("main");
        findings(r);
        for (AuditResult.ChainInfo c : r.chains()) {
            chain(c, r);
        }
        h.open("section", "id", "patches").el("h2", "Patches (" + r.patches().size() + ")");
        int i = 0;
        for (AuditResult.PatchInfo p : r.patches()) {
            patch(i++, p, run.models().get(p.file()), r);
        }
        h.close("section");
        for (Part p : parts) {
            p.render(h);
        }
        rules(r);
        h.close("main");
        h.open("footer").text("kpaudit " + version + " \u2014 a report of the files named above; it changes nothing.")
                .close("footer");
        h.open("script").raw(resource("report.js")).close("script");
        h.close("body").close("html").nl();
    }

    // ------------------------------------------------------------------ summary

    private void summary(AuditResult r, Severity failOn, List<Part> parts) {
        long errors = r.countAtLeast(Severity.ERROR);
        long warnings = r.countAtLeast(Severity.WARNING) - errors;
        long notes = r.findings().size() - errors - warnings;
        h.open("header");
        h.el("h1", "kpaudit report");
        h.open("p");
        String verdictClass = switch (verdict.status()) {
            case FAIL -> "fail";
            case INCOMPLETE -> "incomplete";
            case PASS -> warnings > 0 ? "warn" : "pass";
        };
        h.el("span", verdict.status().name(), "class", "verdict " + verdictClass, "id", "verdict");
        h.text(" at --fail-on " + failOn.name().toLowerCase(Locale.ROOT) + ". ");
        if (!verdict.gaps().isEmpty()) {
            h.el("span", (verdict.status() == Verdict.Status.FAIL ? "Also not verified: " : "Not verified: ")
                    + verdict.gaps() + ". ", "class", "incomplete-because", "id", "incomplete-because");
        }
        h.open("span", "class", "counts", "id", "counts");
        h.el("span", errors + " errors", "class", "sev ERROR", "data-count", Long.toString(errors));
        h.el("span", warnings + " warnings", "class", "sev WARNING", "data-count", Long.toString(warnings));
        h.el("span", notes + " notes", "class", "sev NOTE", "data-count", Long.toString(notes));
        if (verdict.unverified() > 0) {
            h.el("span", verdict.unverified() + " unverified", "class", "unverified", "data-count",
                    Long.toString(verdict.unverified()));
        }
        long toolErrors = r.notifications().stream().filter(n -> n.level().equals("error")).count();
        if (toolErrors > 0) {
            h.el("span", toolErrors + " unreadable inputs", "class", "bad");
        }
        h.close("span").close("p");
        h.open("p", "class", "muted").text(r.patches().size() + " patches, " + r.chains().size() + " chains");
        for (Part p : parts) {
            h.text(", ").open("a", "href", "#" + p.anchor()).text(p.title()).close("a");
        }
        h.text(". ").open("a", "href", "#findings").text("Findings").close("a").text(" \u00b7 ")
                .open("a", "href", "#patches").text("Patches").close("a").text(" \u00b7 ")
                .open("a", "href", "#rules").text("Checks").close("a").close("p");
        h.open("details").el("summary", "Inputs (" + r.inputs().size() + ")");
        h.open("table").open("thead").open("tr").el("th", "path").el("th", "kind").el("th", "patches", "class", "num")
                .close("tr").close("thead").open("tbody");
        for (AuditResult.Input in : r.inputs()) {
            h.open("tr").el("td", in.path(), "class", "mono").el("td", in.kind())
                    .el("td", Integer.toString(in.patches()), "class", "num").close("tr");
        }
        h.close("tbody").close("table").close("details");
        if (!r.notifications().isEmpty()) {
            h.open("h3").text("Tool notifications").close("h3").open("ul", "id", "notifications");
            for (Notification n : r.notifications()) {
                h.open("li").el("span", n.level(), "class", "sev " + n.level()).text(" ")
                        .el("span", n.file(), "class", "mono")
                        .text((n.offset() >= 0 ? " at " + hex(n.offset()) : "") + ": " + n.message()).close("li");
            }
            h.close("ul");
        }
        h.close("header");
    }

    // ------------------------------------------------------------------ findings

    private void findings(AuditResult r) {
        h.open("section", "id", "findings").el("h2", "Findings (" + r.findings().size() + ")");
        if (r.findings().isEmpty()) {
            h.el("p", "No check found anything.", "class", "ok");
            h.close("section");
            return;
        }
        String id = filterInput("findings-table");
        h.open("table", "id", id, "class", "sortable findings").open("thead").open("tr")
                .el("th", "severity", "data-sort", "num").el("th", "check", "data-sort", "text")
                .el("th", "message", "data-sort", "text").el("th", "where", "data-sort", "text")
                .close("tr").close("thead").open("tbody");
        List<Finding> bySeverity = new ArrayList<>(r.findings());
        bySeverity.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding.ORDER));
        for (Finding f : bySeverity) {
            Location l = f.location();
            h.open("tr", "class", "finding", "data-check", f.checkId(), "data-severity", f.severity().name());
            h.open("td", "data-v", Integer.toString(f.severity().ordinal()))
                    .el("span", f.severity().name(), "class", "sev " + f.severity().name());
            if (f.unverified()) {
                h.text(" ").el("span", "unverified", "class", "unverified", "title",
                        "kpaudit could not verify this: see the message for what is missing");
            }
            h.close("td");
            h.open("td").open("a", "href", "#rule-" + f.checkId(), "class", "mono").text(f.checkId()).close("a")
                    .close("td");
            h.el("td", f.message());
            h.open("td").el("div", l.file(), "class", "mono");
            List<String> where = new ArrayList<>();
            if (l.byteOffset() >= 0) {
                where.add("offset " + hex(l.byteOffset()) + (l.byteLength() > 0 ? " +" + l.byteLength() : ""));
            }
            if (l.patch() != null) {
                where.add("patch " + l.patch());
            }
            if (l.function() != null) {
                where.add("function " + l.function());
            }
            if (l.symbol() != null) {
                where.add("symbol " + l.symbol());
            }
            if (l.section() != null) {
                where.add("section " + l.section());
            }
            if (!where.isEmpty()) {
                h.el("div", String.join(", ", where), "class", "muted");
            }
            h.close("td").close("tr");
        }
        h.close("tbody").close("table").close("section");
    }

    private String filterInput(String tableBase) {
        String id = tableBase + "-" + (tableId++);
        h.empty("input", "class", "filter noprint", "type", "search", "placeholder", "filter rows", "data-table", id,
                "aria-label", "filter rows", "hidden", "");
        return id;
    }

    // ------------------------------------------------------------------ chains

    private void chain(AuditResult.ChainInfo c, AuditResult r) {
        h.open("section", "class", "chain", "id", "chain-" + c.buildId());
        h.el("h2", "Chain for build-id " + c.buildId());
        h.el("p", c.members().size() + " patches applied in " + c.order() + " order; unpatch order (last in, first out): "
                + String.join(" \u2192 ", c.unpatchOrder()), "class", "muted");
        List<String> labels = new ArrayList<>();
        for (AuditResult.ChainMember m : c.members()) {
            labels.add(m.id() == null ? "#" + m.position() : m.id());
        }
        TreeMap<String, boolean[]> touched = new TreeMap<>();
        for (int p = 0; p < c.members().size(); p++) {
            AuditResult.ChainMember m = c.members().get(p);
            for (AuditResult.PatchInfo info : r.patches()) {
                if (info.file().equals(m.file())) {
                    for (AuditResult.Function f : info.changed()) {
                        touched.computeIfAbsent(f.name(), k -> new boolean[c.members().size()])[p] = true;
                    }
                }
            }
        }
        List<String> functions = new ArrayList<>(touched.keySet());
        boolean[][] touches = new boolean[functions.size()][];
        int[] winner = new int[functions.size()];
        for (int f = 0; f < functions.size(); f++) {
            touches[f] = touched.get(functions.get(f));
            winner[f] = -1;
            for (int p = 0; p < touches[f].length; p++) {
                if (touches[f][p]) {
                    winner[f] = p;
                }
            }
        }
        h.open("figure").raw(new ChainDiagram(labels, functions, touches, winner).svg())
                .el("figcaption", "Columns: patches in apply order. Rows: functions they change. Filled: the code"
                        + " that runs (the last patch applied wins); outlined: stacked underneath.", "class", "muted")
                .close("figure");
        h.open("table").open("thead").open("tr").el("th", "#", "class", "num").el("th", "id").el("th", "level")
                .el("th", "file").close("tr").close("thead").open("tbody");
        for (AuditResult.ChainMember m : c.members()) {
            h.open("tr").el("td", Integer.toString(m.position()), "class", "num").el("td", m.id())
                    .el("td", m.level() == null ? "" : m.level().toString()).el("td", m.file(), "class", "mono")
                    .close("tr");
        }
        h.close("tbody").close("table");
        if (!c.overlaps().isEmpty()) {
            h.el("h3", "Functions changed by more than one patch");
            h.open("table").open("thead").open("tr").el("th", "function").el("th", "patches, in order")
                    .el("th", "wins").close("tr").close("thead").open("tbody");
            for (AuditResult.Overlap o : c.overlaps()) {
                h.open("tr").el("td", o.function(), "class", "mono").el("td", String.join(", ", o.patches()))
                        .el("td", o.winner()).close("tr");
            }
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    // ------------------------------------------------------------------ one patch

    private void patch(int index, AuditResult.PatchInfo p, KpatchFile k, AuditResult r) {
        h.open("section", "class", "patch", "id", "patch-" + index, "data-file", p.file());
        h.el("h3", (p.id() == null ? "(no id)" : p.id()) + " \u2014 " + p.file());
        long mine = r.findings().stream().filter(f -> p.file().equals(f.location().file())).count();
        h.open("dl", "class", "kv");
        kv("file", p.file(), true);
        kv("patch id", p.id(), true);
        kv("layout", p.layout(), false);
        kv("architecture", p.arch(), false);
        kv("build-id", p.buildId(), true);
        kv("target", p.target() == null ? "not found" : p.target(), true);
        kv("target status", p.targetStatus() + (p.targetFoundBy() == null ? "" : " (" + p.targetFoundBy() + ")"), false);
        if (p.targetBuildId() != null) {
            boolean match = p.targetBuildId().equals(p.buildId());
            h.el("dt", "target build-id");
            h.open("dd").el("span", p.targetBuildId(), "class", "mono").text(" ")
                    .el("span", match ? "matches" : "differs", "class", match ? "ok" : "bad").close("dd");
        }
        if (p.chain() != null) {
            kv("chain", p.chain() + (p.chainPosition() == null ? "" : ", position " + p.chainPosition()), true);
        }
        kv("findings", Long.toString(mine), false);
        h.close("dl");
        if (k != null) {
            header(k.header());
        }
        functions(p, k);
        imports(k);
        if (k != null) {
            relocations(k);
            sections(k.elf());
        }
        h.close("section");
    }

    private void kv(String key, String value, boolean mono) {
        h.el("dt", key);
        if (mono) {
            h.el("dd", value == null ? "" : value, "class", "mono");
        } else {
            h.el("dd", value == null ? "" : value);
        }
    }

    private void header(KpatchHeader x) {
        h.open("details").el("summary", "Header fields (" + x.layout() + ", " + x.headerSize() + " bytes)");
        h.open("dl", "class", "kv");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("magic", x.magic());
        f.put("id", x.id());
        f.put("build-id", x.buildId());
        f.put("build_time", Long.toUnsignedString(x.buildTime()));
        f.put("flags", Integer.toString(x.flags()));
        f.put("safety_method", InspectView.code(x.safetyMethod()));
        f.put("csum", Long.toUnsignedString(x.csum()));
        f.put("nr_reloc", Long.toUnsignedString(x.nrReloc()));
        f.put("kpatch_offset", Long.toUnsignedString(x.kpatchOffset()));
        f.put("rel_offset", Long.toUnsignedString(x.relOffset()));
        f.put("total_size", Long.toUnsignedString(x.totalSize()));
        f.put("jmp_offset", Long.toUnsignedString(x.jmpOffset()));
        f.put("elf_offset", x.elfOffset() == null ? null : Long.toUnsignedString(x.elfOffset()));
        f.put("kpatch_total_mem_sz", x.kpatchTotalMemSize() == null ? null : Long.toUnsignedString(x.kpatchTotalMemSize()));
        f.put("user_undo / user_info / user_level", x.userUndo() + " / " + x.userInfo() + " / " + x.userLevel());
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (e.getValue() != null) {
                kv(e.getKey(), e.getValue(), true);
            }
        }
        h.close("dl").close("details");
    }

    private void functions(AuditResult.PatchInfo p, KpatchFile k) {
        h.el("h4", "Functions: " + p.changed().size() + " changed, " + p.added().size() + " new");
        h.open("table", "class", "functions").open("thead").open("tr").el("th", "kind").el("th", "function")
                .el("th", "original location").el("th", "original address").el("th", "old size", "class", "num")
                .el("th", "new size", "class", "num").close("tr").close("thead").open("tbody");
        if (k != null) {
            for (InfoRecord rec : k.infos()) {
                SymbolRef o = rec.original();
                h.open("tr", "class", rec.isNew() ? "new-function" : "changed-function")
                        .el("td", rec.isNew() ? "new" : "changed")
                        .el("td", rec.function(), "class", "mono")
                        .el("td", o == null ? "" : (o.sectionName() == null ? "?" : o.sectionName()) + "+" + hex(o.offset()),
                                "class", "mono")
                        .el("td", o == null ? "" : hex(o.address()), "class", "mono")
                        .el("td", rec.isNew() ? "" : Long.toString(rec.dlen()), "class", "num")
                        .el("td", Long.toString(rec.slen()), "class", "num").close("tr");
            }
        } else {
            for (AuditResult.Function f : p.changed()) {
                h.open("tr", "class", "changed-function").el("td", "changed").el("td", f.name(), "class", "mono")
                        .el("td", "").el("td", f.address() == null ? "" : hex(f.address()), "class", "mono")
                        .el("td", f.size() == null ? "" : f.size().toString(), "class", "num")
                        .el("td", Long.toString(f.newSize()), "class", "num").close("tr");
            }
            for (AuditResult.Function f : p.added()) {
                h.open("tr", "class", "new-function").el("td", "new").el("td", f.name(), "class", "mono").el("td", "")
                        .el("td", "").el("td", "").el("td", Long.toString(f.newSize()), "class", "num").close("tr");
            }
        }
        h.close("tbody").close("table");
        if (k != null) {
            disassembly(k);
        }
    }

    /** The new code of each function, collapsed, as objdump -d shows it, with its relocations named. */
    private void disassembly(KpatchFile k) {
        if (!org.kpaudit.analyzer.disasm.Disassembler.available()) {
            h.el("p", "New code: " + org.kpaudit.analyzer.disasm.Disassembler.HOW_TO_GET + ".", "class",
                    "muted no-disasm");
            return;
        }
        for (InfoRecord rec : k.infos()) {
            java.util.List<java.util.Map<String, Object>> rows =
                    org.kpaudit.report.Disassembly.rows(k.elf(), rec.replacement(), rec.slen());
            if (rows == null) {
                continue;
            }
            h.open("details", "class", "disasm", "data-function", rec.function() == null ? "" : rec.function());
            h.el("summary", "New code of " + (rec.function() == null ? "record " + rec.index() : rec.function()) + ": "
                    + rows.size() + " instructions");
            h.open("table", "class", "disasm").open("thead").open("tr").el("th", "address").el("th", "bytes")
                    .el("th", "instruction").el("th", "relocation").close("tr").close("thead").open("tbody");
            for (java.util.Map<String, Object> row : rows) {
                Object rel = row.get("relocation");
                h.open("tr", "class", rel == null ? "insn" : "insn relocated")
                        .el("td", String.valueOf(row.get("address")), "class", "mono")
                        .el("td", String.valueOf(row.get("bytes")), "class", "mono")
                        .el("td", String.valueOf(row.get("instruction")), "class", "mono")
                        .el("td", rel == null ? "" : rel.toString(), "class", "mono").close("tr");
            }
            h.close("tbody").close("table").close("details");
        }
    }

    private void imports(KpatchFile k) {
        if (k == null || k.imports().isEmpty()) {
            h.el("p", "No imports.", "class", "muted");
            return;
        }
        h.el("h4", "Imports (" + k.imports().size() + ")");
        h.open("table", "class", "imports").open("thead").open("tr").el("th", "name").el("th", "version")
                .el("th", "type").close("tr").close("thead").open("tbody");
        for (KpatchImport i : k.imports()) {
            h.open("tr").el("td", i.name(), "class", "mono").el("td", i.version() == null ? "" : i.version(), "class", "mono")
                    .el("td", InspectView.code(i.type())).close("tr");
        }
        h.close("tbody").close("table");
    }

    private void relocations(KpatchFile k) {
        ElfFile elf = k.elf();
        long total = 0;
        for (RelocationSection rs : elf.relocationSections()) {
            total += rs.count();
        }
        h.open("details").el("summary", "Relocations (" + total + ")");
        String id = filterInput("relocs");
        h.open("table", "id", id, "class", "sortable relocations").open("thead").open("tr")
                .el("th", "section", "data-sort", "text").el("th", "offset", "data-sort", "num")
                .el("th", "type", "data-sort", "text").el("th", "symbol", "data-sort", "text")
                .el("th", "addend", "data-sort", "num").close("tr").close("thead").open("tbody");
        int rows = 0;
        for (RelocationSection rs : elf.relocationSections()) {
            for (Relocation rel : elf.relocations(rs)) {
                if (rows++ >= MAX_RELOC_ROWS) {
                    break;
                }
                h.open("tr").el("td", rs.section().name(), "class", "mono")
                        .el("td", hex(rel.offset()), "class", "mono num", "data-v", Long.toString(rel.offset()))
                        .el("td", InspectView.code(rel.type()), "class", "mono")
                        .el("td", rel.symbolName() == null ? "" : rel.symbolName(), "class", "mono")
                        .el("td", rel.addend() == null ? "" : Long.toString(rel.addend()), "class", "num").close("tr");
            }
        }
        h.close("tbody").close("table");
        if (rows > MAX_RELOC_ROWS) {
            h.el("p", (total - MAX_RELOC_ROWS) + " more not listed; see kpaudit inspect --relocs.", "class", "muted");
        }
        h.close("details");
    }

    private void sections(ElfFile elf) {
        h.open("details").el("summary", "Embedded ELF sections (" + elf.sections().size() + ")");
        String id = filterInput("sections");
        h.open("table", "id", id, "class", "sortable sections").open("thead").open("tr")
                .el("th", "#", "data-sort", "num", "class", "num").el("th", "name", "data-sort", "text")
                .el("th", "type", "data-sort", "text").el("th", "address", "data-sort", "num")
                .el("th", "offset", "data-sort", "num").el("th", "size", "data-sort", "num", "class", "num")
                .el("th", "flags").close("tr").close("thead").open("tbody");
        for (Section s : elf.sections()) {
            h.open("tr").el("td", Integer.toString(s.index()), "class", "num")
                    .el("td", s.name() == null ? "" : s.name(), "class", "mono")
                    .el("td", InspectView.code(s.type()))
                    .el("td", hex(s.addr()), "class", "mono", "data-v", Long.toUnsignedString(s.addr()))
                    .el("td", hex(s.offset()), "class", "mono", "data-v", Long.toUnsignedString(s.offset()))
                    .el("td", Long.toUnsignedString(s.size()), "class", "num")
                    .el("td", InspectView.sectionFlags(s.flags()), "class", "mono").close("tr");
        }
        h.close("tbody").close("table").close("details");
    }

    // ------------------------------------------------------------------ rules

    private void rules(AuditResult r) {
        h.open("section", "id", "rules").el("h2", "Checks (" + r.rules().size() + ")");
        h.el("p", "Every check kpaudit ran, with its help. Finding rows link here.", "class", "muted");
        for (RuleInfo rule : r.rules()) {
            h.open("div", "class", "rule", "id", "rule-" + rule.id());
            h.open("h4").el("span", rule.id(), "class", "mono").text(" " + rule.name() + " ")
                    .el("span", rule.severity().name(), "class", "sev " + rule.severity().name()).close("h4");
            h.el("p", rule.summary());
            h.el("p", rule.help(), "class", "muted");
            h.close("div");
        }
        h.close("section");
    }
}
