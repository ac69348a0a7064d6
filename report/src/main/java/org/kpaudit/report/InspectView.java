package org.kpaudit.report;

import static org.kpaudit.report.Values.hex;
import static org.kpaudit.report.Values.unsigned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kpaudit.model.Code;
import org.kpaudit.model.DynamicEntry;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.ElfHeader;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.RelocationSummary;
import org.kpaudit.model.Section;
import org.kpaudit.model.Segment;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolRef;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.model.VersionDef;
import org.kpaudit.model.VersionNeed;

/**
 * Builds the report tree of {@code kpaudit inspect} from the model: what a file is and holds,
 * in the same shape for YAML, JSON and text.
 */
public final class InspectView {

    /** Which long lists to expand. */
    public record Options(boolean sections, boolean symbols, boolean relocations, boolean disassemble) {
        public static final Options DEFAULT = new Options(false, false, false, false);

        public Options(boolean sections, boolean symbols, boolean relocations) {
            this(sections, symbols, relocations, false);
        }
    }

    private InspectView() {
    }

    // ------------------------------------------------------------------ .kpatch

    public static Map<String, Object> kpatch(KpatchFile k, Options opt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", k.path());
        m.put("kind", "kpatch");
        m.put("size", k.fileSize());
        m.put("header", header(k.header()));
        ElfFile elf = k.elf();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("offset", k.header().kpatchOffset());
        e.put("size", k.elfEnd());
        e.put("padding", k.paddingLength());
        e.put("padding_zero", k.paddingZero());
        e.putAll(elfHeaderShort(elf.header()));
        e.put("sections", elf.sections().size());
        e.put("nobits_sections", elf.sections().stream().filter(s -> s.type().is("NOBITS")).count());
        m.put("elf", e);

        Map<String, Object> info = new LinkedHashMap<>();
        if (k.infoSection() != null) {
            info.put("section", k.infoSection().index());
            info.put("offset", hex(k.infoSection().offset()));
            info.put("size", unsigned(k.infoSection().size()));
        }
        info.put("records", k.infos().size());
        info.put("terminator", k.infoTerminatorLength());
        info.put("terminator_zero", k.infoTerminatorZero());
        m.put("info", info);

        List<Object> changed = new ArrayList<>();
        List<Object> added = new ArrayList<>();
        for (InfoRecord r : k.infos()) {
            Map<String, Object> rec = infoRecord(r);
            if (opt.disassemble()) {
                Disassembly.put(rec, elf, r.replacement(), r.slen());
            }
            (r.isNew() ? added : changed).add(rec);
        }
        Map<String, Object> funcs = new LinkedHashMap<>();
        funcs.put("changed", changed);
        funcs.put("new", added);
        m.put("functions", funcs);

        List<Object> imports = new ArrayList<>();
        for (KpatchImport i : k.imports()) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("name", i.name());
            im.put("version", i.version());
            im.put("type", code(i.type()));
            im.put("bind", code(i.bind()));
            imports.add(im);
        }
        m.put("imports", imports);
        List<Object> tls = new ArrayList<>();
        for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (s.type().is("TLS")) {
                tls.add(s.name());
            }
        }
        m.put("tls_symbols", tls);

        Map<String, Object> rel = new LinkedHashMap<>();
        for (RelocationSummary rs : k.relocationSummaries()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("count", rs.count());
            r.put("by_type", new TreeMap<>(rs.byType()));
            rel.put(rs.section() == null ? "?" : rs.section(), r);
        }
        m.put("relocations", rel);
        m.put("kpatch_strtab", k.strtabNames());
        m.put("sections", sections(elf));
        if (opt.symbols()) {
            m.put("symbols", symbols(elf.symbols(SymbolTableKind.SYMTAB)));
        }
        if (opt.relocations()) {
            m.put("relocation_entries", relocationEntries(elf, elf::relocations));
        }
        warnings(m, elf.warnings());
        return m;
    }

    private static Map<String, Object> header(KpatchHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layout", h.layout().name());
        m.put("header_size", h.headerSize());
        m.put("magic", h.magic());
        m.put("id", h.id());
        m.put("build_id", h.buildId());
        m.put("build_time", unsigned(h.buildTime()));
        m.put("build_time_utc", h.buildTime() >= 0 && h.buildTime() < 253402300800L
                ? Instant.ofEpochSecond(h.buildTime()).toString() : null);
        m.put("flags", h.flags());
        m.put("safety_method", code(h.safetyMethod()));
        m.put("modulename", h.modulename());
        m.put("csum", unsigned(h.csum()));
        m.put("nr_reloc", unsigned(h.nrReloc()));
        m.put("kpatch_offset", unsigned(h.kpatchOffset()));
        m.put("rel_offset", unsigned(h.relOffset()));
        m.put("total_size", unsigned(h.totalSize()));
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("jmp_offset", unsigned(h.jmpOffset()));
        if (h.elfOffset() != null) {
            rt.put("elf_offset", unsigned(h.elfOffset()));
        }
        if (h.kpatchTotalMemSize() != null) {
            rt.put("kpatch_total_mem_sz", unsigned(h.kpatchTotalMemSize()));
        }
        rt.put("user_undo", unsigned(h.userUndo()));
        rt.put("user_info", unsigned(h.userInfo()));
        rt.put("user_level", unsigned(h.userLevel()));
        m.put("runtime", rt);
        m.put("srcversion", h.srcversion());
        return m;
    }

    private static Map<String, Object> infoRecord(InfoRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.index());
        m.put("function", r.function());
        m.put("name", r.name());
        if (!r.isNew()) {
            m.put("original", ref(r.original(), r.dlen()));
        }
        m.put("new", ref(r.replacement(), r.slen()));
        return m;
    }

    private static Map<String, Object> ref(SymbolRef ref, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ref == null) {
            m.put("symbol", null);
            m.put("size", size);
            return m;
        }
        m.put("symbol", ref.sectionSymbol() ? null : ref.symbol());
        m.put("section", ref.sectionName());
        m.put("offset", hex(ref.offset()));
        m.put("address", hex(ref.address()));
        m.put("size", size);
        return m;
    }

    // ------------------------------------------------------------------ ELF

    public static Map<String, Object> elf(ElfFile elf, String kind, Options opt) {
        return elf(elf, kind, opt, null);
    }

    /** What a second reader of the same file decoded beside the first (see {@link #elf(ElfFile, String, Options, ElfFile)}). */
    private record Decoded(List<Symbol> dynsym, Map<Integer, List<Relocation>> relocations, List<Problem> warnings) {
    }

    /**
     * As {@link #elf(ElfFile, String, Options)}; with {@code twin}, a second {@link ElfFile} of the
     * same bytes (parsed apart, so that it shares no state with {@code elf}), the dynamic symbols
     * and the relocations are decoded by {@code twin} on another thread while this one decodes the
     * symbol table: the two longest lists of a big object in parallel. The result is the same, its
     * warnings in the same order (those of the symbol table, then of the others).
     */
    public static Map<String, Object> elf(ElfFile elf, String kind, Options opt, ElfFile twin) {
        java.util.concurrent.FutureTask<Decoded> side = null;
        if (twin != null && (opt.symbols() || opt.relocations())) {
            int parsed = twin.warnings().size();
            side = new java.util.concurrent.FutureTask<>(() -> {
                List<Symbol> dyn = opt.symbols() ? twin.symbols(SymbolTableKind.DYNSYM) : null;
                Map<Integer, List<Relocation>> rel = new java.util.HashMap<>();
                if (opt.relocations()) {
                    for (RelocationSection rs : twin.relocationSections()) {
                        rel.put(rs.section().index(), twin.relocations(rs));
                    }
                }
                List<Problem> ws = twin.warnings();
                return new Decoded(dyn, rel, ws.subList(Math.min(parsed, ws.size()), ws.size()));
            });
            Thread t = new Thread(side, "kpaudit-decode");
            t.setDaemon(true);
            t.start();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", elf.path());
        m.put("kind", kind);
        m.put("size", elf.size());
        m.put("header", elfHeader(elf.header()));
        m.put("build_id", elf.buildId().orElse(null));
        elf.soname().ifPresent(s -> m.put("soname", s));
        m.put("needed", elf.neededLibraries());
        if (opt.sections()) {
            m.put("sections", sections(elf));
        } else {
            m.put("sections", elf.sections().size());
        }
        List<Object> segs = new ArrayList<>();
        for (Segment s : elf.segments()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("index", s.index());
            sm.put("type", code(s.type()));
            sm.put("offset", hex(s.offset()));
            sm.put("vaddr", hex(s.vaddr()));
            sm.put("filesz", hex(s.filesz()));
            sm.put("memsz", hex(s.memsz()));
            sm.put("flags", segmentFlags(s.flags()));
            sm.put("align", hex(s.align()));
            segs.add(sm);
        }
        m.put("segments", segs);
        List<Object> notes = new ArrayList<>();
        for (Note n : elf.notes()) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("owner", n.owner());
            nm.put("type", code(n.type()));
            nm.put("size", n.descSize());
            nm.put("source", n.source());
            notes.add(nm);
        }
        m.put("notes", notes);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("symtab", elf.symbolCount(SymbolTableKind.SYMTAB));
        counts.put("dynsym", elf.symbolCount(SymbolTableKind.DYNSYM));
        m.put("symbols", counts);
        Map<String, Object> rel = new LinkedHashMap<>();
        for (RelocationSection rs : elf.relocationSections()) {
            rel.put(rs.section().name() == null ? "[" + rs.section().index() + "]" : rs.section().name(),
                    unsigned(rs.count()));
        }
        m.put("relocations", rel);
        List<Object> vn = new ArrayList<>();
        for (VersionNeed n : elf.versionNeeds()) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("file", n.file());
            nm.put("versions", n.versions().stream().map(VersionNeed.Version::name).toList());
            vn.add(nm);
        }
        if (!vn.isEmpty()) {
            m.put("version_needs", vn);
        }
        List<Object> vd = new ArrayList<>();
        for (VersionDef d : elf.versionDefs()) {
            vd.add(d.name());
        }
        if (!vd.isEmpty()) {
            m.put("version_defs", vd);
        }
        List<Object> dyn = new ArrayList<>();
        for (DynamicEntry d : elf.dynamic()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("tag", code(d.tag()));
            dm.put("value", d.text() != null ? d.text() : hex(d.value()));
            dyn.add(dm);
        }
        if (opt.sections() && !dyn.isEmpty()) {
            m.put("dynamic", dyn);
        }
        Decoded d = null;
        if (opt.symbols()) {
            m.put("symtab", symbols(elf.symbols(SymbolTableKind.SYMTAB)));
            d = side == null ? null : join(side);
            m.put("dynsym", symbols(d == null ? elf.symbols(SymbolTableKind.DYNSYM) : d.dynsym()));
        }
        if (opt.relocations()) {
            Decoded dd = d != null ? d : side == null ? null : join(side);
            m.put("relocation_entries", relocationEntries(elf,
                    dd == null ? elf::relocations : rs -> dd.relocations().get(rs.section().index())));
            d = dd;
        }
        List<Problem> ws = new ArrayList<>(elf.warnings());
        if (d != null) {
            ws.addAll(d.warnings());
        }
        warnings(m, ws);
        return m;
    }

    private static Map<String, Object> elfHeaderShort(ElfHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", "ELF" + h.elfClass());
        m.put("endian", h.endian().name().toLowerCase(java.util.Locale.ROOT));
        m.put("type", code(h.type()));
        m.put("machine", code(h.machine()));
        return m;
    }

    private static Map<String, Object> elfHeader(ElfHeader h) {
        Map<String, Object> m = elfHeaderShort(h);
        m.put("os_abi", code(h.osAbi()));
        m.put("abi_version", h.abiVersion());
        m.put("version", unsigned(h.version()));
        m.put("entry", hex(h.entry()));
        m.put("flags", hex(h.flags()));
        m.put("phoff", hex(h.phoff()));
        m.put("shoff", hex(h.shoff()));
        m.put("phnum", unsigned(h.programHeaderCount()));
        m.put("shnum", unsigned(h.sectionCount()));
        m.put("shstrndx", unsigned(h.sectionNameIndex()));
        if (h.shnum() != h.sectionCount() || h.shstrndx() != h.sectionNameIndex()) {
            m.put("extended_numbering", true);
        }
        return m;
    }

    private static List<Map<String, Object>> sections(ElfFile elf) {
        List<Section> list = elf.sections();
        return new Rows("index", "name", "type", "addr", "offset", "size", "entsize", "flags", "link", "info",
                "align", "compression") {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public void fill(int row, Object[] c) {
                Section s = list.get(row);
                c[0] = s.index();
                c[1] = s.name();
                c[2] = code(s.type());
                c[3] = Hex.of(s.addr());
                c[4] = Hex.of(s.offset());
                c[5] = Hex.of(s.size());
                c[6] = Hex.of(s.entsize());
                c[7] = sectionFlags(s.flags());
                c[8] = unsigned(s.link());
                c[9] = unsigned(s.info());
                c[10] = unsigned(s.addralign());
                c[11] = s.compression() == null ? Rows.ABSENT
                        : code(s.compression().type()) + " " + unsigned(s.compression().uncompressedSize());
            }
        };
    }

    /** The other thread's result; its failure (a malformed table) is this thread's, as if read here. */
    private static Decoded join(java.util.concurrent.FutureTask<Decoded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<Map<String, Object>> symbols(List<Symbol> list) {
        return new Rows("index", "value", "size", "type", "bind", "visibility", "section", "name", "version") {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public void fill(int row, Object[] c) {
                Symbol s = list.get(row);
                c[0] = s.index();
                c[1] = Hex.of(s.value());
                c[2] = unsigned(s.size());
                c[3] = code(s.type());
                c[4] = code(s.bind());
                c[5] = code(s.visibility());
                c[6] = sectionIndexName(s.shndx());
                c[7] = s.name();
                c[8] = s.version() == null ? Rows.ABSENT : s.version();
            }
        };
    }

    private static List<Object> relocationEntries(ElfFile elf,
            java.util.function.Function<RelocationSection, List<Relocation>> entries) {
        List<Object> out = new ArrayList<>();
        for (RelocationSection rs : elf.relocationSections()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("section", rs.section().name());
            List<Relocation> list = entries.apply(rs);
            sm.put("entries", new Rows("offset", "type", "symbol", "addend") {
                @Override
                public int size() {
                    return list.size();
                }

                @Override
                public void fill(int row, Object[] c) {
                    Relocation r = list.get(row);
                    c[0] = Hex.of(r.offset());
                    c[1] = code(r.type());
                    c[2] = r.symbolName();
                    c[3] = r.addend();
                }
            });
            out.add(sm);
        }
        return out;
    }

    private static void warnings(Map<String, Object> m, List<Problem> ws) {
        if (!ws.isEmpty()) {
            List<Object> out = new ArrayList<>();
            for (Problem p : ws) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("offset", p.offset() < 0 ? null : hex(p.offset()));
                pm.put("problem", p.reason());
                out.add(pm);
            }
            m.put("warnings", out);
        }
    }

    /** SysCare's patch_info metadata: the patch, its target package and entities, and whether magic and checksum hold. */
    public static Map<String, Object> patchInfo(String file, long size, org.kpaudit.analyzer.upatch.PatchInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("kind", "syscare-patch-info");
        m.put("size", size);
        m.put("magic_ok", p.magicOk());
        m.put("checksum_ok", p.checksumOk());
        m.put("uuid", p.uuid());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("release", p.release());
        m.put("arch", p.arch());
        m.put("patch_kind", p.kind());
        m.put("target", p.target());
        List<Object> es = new ArrayList<>();
        for (org.kpaudit.analyzer.upatch.PatchInfo.Entity e : p.entities()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("uuid", e.uuid());
            em.put("patch_name", e.patchName());
            em.put("patch_target", e.patchTarget());
            em.put("checksum", e.checksum());
            es.add(em);
        }
        m.put("entities", es);
        if (!p.problems().isEmpty()) {
            m.put("problems", p.problems());
        }
        return m;
    }

    /** A SysCare upatch object's table (upatch-format.md): entries by relocation, target build-id, symbols. */
    public static Map<String, Object> upatch(org.kpaudit.model.UpatchPatch u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_build_id", u.targetBuildId());
        m.put("functions_resolved_to_target", u.livepatchSymbols());
        m.put("undefined_symbols", u.undefinedSymbols());
        List<Object> fs = new ArrayList<>();
        for (org.kpaudit.model.UpatchPatch.UpatchFunction f : u.functions()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("index", f.index());
            fm.put("name", f.name());
            fm.put("new_symbol", f.newSymbol());
            fm.put("new_size", unsigned(f.newSize()));
            fm.put("old_addr", hex(f.oldAddr()));
            fm.put("old_size", unsigned(f.oldSize()));
            fm.put("sympos", unsigned(f.sympos()));
            if (f.nameByOrder() != null && !f.nameByOrder().equals(f.name())) {
                fm.put("name_by_string_order", f.nameByOrder());
            }
            fs.add(fm);
        }
        m.put("functions", fs);
        if (!u.problems().isEmpty()) {
            m.put("problems", u.problems());
        }
        return m;
    }

    /** A constant's name, or its number in hex when it has none. */
    public static String code(Code c) {
        if (c == null) {
            return null;
        }
        return c.name() != null ? c.name() : hex(c.value());
    }

    /** st_shndx as readelf shows it: a number, UND, ABS, COM, or the reserved value. */
    public static String sectionIndexName(int shndx) {
        return switch (shndx) {
            case Symbol.SHN_UNDEF -> "UND";
            case Symbol.SHN_ABS -> "ABS";
            case Symbol.SHN_COMMON -> "COM";
            case Symbol.SHN_LIVEPATCH -> "LIVEPATCH";
            case Symbol.SHN_XINDEX -> "XINDEX";
            default -> Integer.toString(shndx);
        };
    }

    /** Section flags as readelf's letters (W A X M S I L O G T C o E, x for the rest). */
    public static String sectionFlags(long f) {
        StringBuilder sb = new StringBuilder();
        long known = 0;
        char[] letters = {'W', 'A', 'X', 0, 'M', 'S', 'I', 'L', 'O', 'G', 'T', 'C'};
        for (int bit = 0; bit < letters.length; bit++) {
            if (letters[bit] != 0 && (f & (1L << bit)) != 0) {
                sb.append(letters[bit]);
                known |= 1L << bit;
            }
        }
        if ((f & 0x0ff00000L) != 0) {
            sb.append('o');
            known |= f & 0x0ff00000L;
        }
        if ((f & Section.SHF_EXCLUDE) != 0) {
            sb.append('E');
            known |= Section.SHF_EXCLUDE;
        }
        if ((f & ~known) != 0) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** Segment flags as R, W, E letters. */
    public static String segmentFlags(long f) {
        StringBuilder sb = new StringBuilder();
        sb.append((f & Segment.PF_R) != 0 ? 'R' : ' ');
        sb.append((f & Segment.PF_W) != 0 ? 'W' : ' ');
        sb.append((f & Segment.PF_X) != 0 ? 'E' : ' ');
        return sb.toString().strip();
    }
}
