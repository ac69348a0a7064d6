package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;
import static org.kpaudit.parser.ElfParser.enumName;
import static org.kpaudit.parser.ElfParser.hex;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kpaudit.formats.Kpatch;
import org.kpaudit.model.Code;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.LayoutVersion;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.RelocationSummary;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolRef;
import org.kpaudit.model.SymbolTableKind;

/**
 * Opens {@code .kpatch} files through the Kaitai-generated {@link Kpatch} class: detects the
 * header layout, parses the embedded ELF and resolves the {@code .kpatch.info} records through
 * their relocations.
 */
public final class KpatchParser {

    /** KPATCH_FILE_MAGIC1. */
    public static final byte[] MAGIC = "KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1);

    /** sizeof(struct kpatch_info). */
    public static final int INFO_SIZE = 48;

    /** Bytes of the info list terminator written by kpatch_strip (KPATCH_INFO_LAST_SIZE). */
    public static final int INFO_TERMINATOR = 24;

    /** The most {@code .kpatch.strtab} bytes read for the name list. */
    private static final int MAX_STRTAB = 1 << 20;

    private KpatchParser() {
    }

    public static KpatchFile parse(Path path) throws IOException {
        return parse(path.toString(), MappedInput.map(path));
    }

    public static KpatchFile parse(String name, ByteBuffer buffer) {
        ByteBuffer buf = buffer.slice();
        long size = buf.limit();
        if (size < MAGIC.length) {
            throw malformed(name, 0, "file is " + size + " bytes, too short for the KPATCH1 magic");
        }
        Kpatch root;
        try {
            root = new Kpatch(new ByteBufferKaitaiStream(buf));
        } catch (KaitaiStream.ValidationNotEqualError e) {
            throw malformed(name, 0, "no KPATCH1 magic (4b 50 41 54 43 48 31 00)");
        }
        KpatchHeader header = header(name, root, size);
        long elfStart = header.kpatchOffset();
        if (!ElfParser.inFile(elfStart, 4, size)) {
            throw malformed(name, elfStart, "kpatch_offset 0x" + hex(elfStart) + " is past the end of the file ("
                    + size + " bytes)");
        }
        byte[] elfMagic = new byte[4];
        buf.get((int) elfStart, elfMagic);
        if (elfMagic[0] != 0x7f || elfMagic[1] != 'E' || elfMagic[2] != 'L' || elfMagic[3] != 'F') {
            throw malformed(name, elfStart, "no ELF object at kpatch_offset 0x" + hex(elfStart));
        }
        ByteBuffer elfBuf = buf.slice((int) elfStart, (int) (size - elfStart));
        ElfFile elf = ElfParser.parse(name, elfBuf, elfStart);

        long elfEnd = elfEnd(elf);
        long padStart = elfStart + elfEnd;
        long padEnd = Math.min(size, Math.max(padStart, header.totalSize()));
        long paddingLength = header.totalSize() - elfStart - elfEnd;
        boolean paddingZero = allZero(buf, padStart, padEnd);

        Optional<Section> info = elf.section(".kpatch.info");
        List<InfoRecord> infos = new ArrayList<>();
        long termLength = 0;
        boolean termZero = false;
        if (info.isPresent() && info.get().hasFileData()) {
            Section s = info.get();
            if (!ElfParser.inFile(s.offset(), s.size(), elfBuf.limit())) {
                throw malformed(name, elfStart + s.offset(), ".kpatch.info at 0x" + hex(s.offset()) + " + 0x"
                        + hex(s.size()) + " extends past the end of the file");
            }
            ByteBuffer win = elfBuf.slice((int) s.offset(), (int) s.size());
            Kpatch.InfoTable table = new Kpatch.InfoTable(new ByteBufferKaitaiStream(win), null, root);
            long n = table.numRecords();
            termLength = s.size() - n * INFO_SIZE;
            termZero = allZero(win, n * INFO_SIZE, s.size());
            infos = resolveInfos(name, elf, s, table, elfStart);
        }

        List<KpatchImport> imports = new ArrayList<>();
        for (Symbol sym : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (sym.index() == 0 || !sym.isUndefined() || !sym.isGlobalOrWeak() || sym.name() == null
                    || sym.name().isEmpty()) {
                continue;
            }
            imports.add(importOf(sym));
        }

        List<RelocationSummary> summaries = new ArrayList<>();
        for (RelocationSection rs : elf.relocationSections()) {
            Map<String, Long> byType = new TreeMap<>();
            List<Relocation> relocs = elf.relocations(rs);
            for (Relocation r : relocs) {
                String t = r.type().name() != null ? r.type().name() : "type 0x" + hex(r.type().value());
                byType.merge(t, 1L, Long::sum);
            }
            summaries.add(new RelocationSummary(rs.section().name(), relocs.size(), byType));
        }

        List<String> strtab = new ArrayList<>();
        elf.section(".kpatch.strtab").filter(Section::hasFileData).ifPresent(s -> {
            byte[] b = elf.sectionBytes(s, MAX_STRTAB);
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    if (i > start) {
                        strtab.add(Names.decode(java.util.Arrays.copyOfRange(b, start, i)));
                    }
                    start = i + 1;
                }
            }
            if (start < b.length) {
                strtab.add(Names.decode(java.util.Arrays.copyOfRange(b, start, b.length)));
            }
        });

        return new KpatchFile(name, size, header, elf, elfEnd, infos, info.orElse(null), termLength, termZero, imports,
                summaries, paddingLength, paddingZero, strtab);
    }

    /** Reads the header of a {@code .kpatch} (also used for the in-memory copy at the start of a patch region). */
    public static KpatchHeader header(String name, ByteBuffer buffer) {
        ByteBuffer buf = buffer.slice();
        if (buf.limit() < MAGIC.length) {
            throw malformed(name, 0, "too short for the KPATCH1 magic");
        }
        Kpatch root;
        try {
            root = new Kpatch(new ByteBufferKaitaiStream(buf));
        } catch (KaitaiStream.ValidationNotEqualError e) {
            throw malformed(name, 0, "no KPATCH1 magic (4b 50 41 54 43 48 31 00)");
        }
        return header(name, root, buf.limit());
    }

    private static KpatchHeader header(String name, Kpatch root, long size) {
        Kpatch.LayoutVersion lv = root.layout();
        if (lv == null || lv == Kpatch.LayoutVersion.UNKNOWN) {
            throw malformed(name, 152, "unknown header layout: no (kpatch_offset, rel_offset) pair equals a known header"
                    + " size (checked u32 pairs at 152/156 for 504 or 496, 168/172 for 504, 360/364 for 696, 352/356"
                    + " for 688)");
        }
        LayoutVersion layout = LayoutVersion.valueOf(lv.name());
        if (size < layout.headerSize()) {
            throw malformed(name, 0, "file is " + size + " bytes, shorter than its " + layout + " header ("
                    + layout.headerSize() + " bytes)");
        }
        String magic = new String(root.magic(), StandardCharsets.ISO_8859_1);
        try {
            return switch (layout) {
                case V4 -> {
                    Kpatch.HeaderV4 h = root.headerV4();
                    yield new KpatchHeader(layout, magic, Names.decodeCString(h.id()), h.id(), h.flags(),
                            safety(h.safetyMethodRaw(), h.safetyMethod()), Names.decodeCString(h.modulename()),
                            Names.decodeCString(h.buildid()), 41, 88, h.buildTime(), h.csum(), h.nrReloc(),
                            h.kpatchOffset(), h.relOffset(), h.totalSize(), h.jmpOffset(), h.elfOffset(),
                            h.kpatchTotalMemSz(), h.entries().userUndo(), h.entries().userInfo(),
                            h.entries().userLevel(), Names.decodeCString(h.srcversion()));
                }
                case V3 -> {
                    Kpatch.HeaderV3 h = root.headerV3();
                    yield new KpatchHeader(layout, magic, Names.decodeCString(h.id()), h.id(), h.flags(),
                            safety(h.safetyMethodRaw(), h.safetyMethod()), Names.decodeCString(h.modulename()),
                            Names.decodeCString(h.buildid()), 41, 88, h.buildTime(), h.csum(), h.nrReloc(),
                            h.kpatchOffset(), h.relOffset(), h.totalSize(), h.jmpOffset(), h.elfOffset(), null,
                            h.entries().userUndo(), h.entries().userInfo(), h.entries().userLevel(),
                            Names.decodeCString(h.srcversion()));
                }
                case V2 -> {
                    Kpatch.HeaderV2 h = root.headerV2();
                    yield new KpatchHeader(layout, magic, Names.decodeCString(h.id()), h.id(), h.flags(),
                            safety(h.safetyMethodRaw(), h.safetyMethod()), Names.decodeCString(h.modulename()),
                            Names.decodeCString(h.buildid()), 41, 88, h.buildTime(), h.csum(), h.nrReloc(),
                            h.kpatchOffset(), h.relOffset(), h.totalSize(), h.jmpOffset(), null, null,
                            h.entries().userUndo(), h.entries().userInfo(), h.entries().userLevel(),
                            Names.decodeCString(h.srcversion()));
                }
                case V1 -> {
                    Kpatch.HeaderV1 h = root.headerV1();
                    yield new KpatchHeader(layout, magic, Names.decodeCString(h.id()), h.id(), h.flags(),
                            safety(h.safetyMethodRaw(), h.safetyMethod()), Names.decodeCString(h.modulename()),
                            Names.decodeCString(h.uname()), 256, 88, h.buildTime(), h.csum(), h.nrReloc(),
                            h.kpatchOffset(), h.relOffset(), h.totalSize(), h.jmpOffset(), null, null,
                            h.entries().userUndo(), h.entries().userInfo(), h.entries().userLevel(),
                            Names.decodeCString(h.srcversion()));
                }
                case V0 -> {
                    Kpatch.HeaderV0 h = root.headerV0();
                    yield new KpatchHeader(layout, magic, null, null, h.flags(),
                            safety(h.safetyMethodRaw(), h.safetyMethod()), Names.decodeCString(h.modulename()),
                            Names.decodeCString(h.uname()), 256, 80, h.buildTime(), h.csum(), h.nrReloc(),
                            h.kpatchOffset(), h.relOffset(), h.totalSize(), h.jmpOffset(), null, null,
                            h.entries().userUndo(), h.entries().userInfo(), h.entries().userLevel(),
                            Names.decodeCString(h.srcversion()));
                }
            };
        } catch (RuntimeException e) {
            throw malformed(name, 0, "unreadable " + layout + " header: " + describe(e));
        }
    }

    private static Code safety(int raw, Enum<?> e) {
        return new Code(raw, enumName(e));
    }

    /** End of the ELF image as its own headers describe it: the furthest table or section contents. */
    static long elfEnd(ElfFile elf) {
        long end = elf.header().is64() ? 64 : 52;
        long shTable = elf.header().shoff() + elf.header().sectionCount() * elf.header().shentsize();
        end = Math.max(end, shTable);
        if (elf.header().phoff() != 0) {
            end = Math.max(end, elf.header().phoff() + elf.header().programHeaderCount() * elf.header().phentsize());
        }
        for (Section s : elf.sections()) {
            if (s.hasFileData() && ElfParser.inFile(s.offset(), s.size(), elf.size())) {
                end = Math.max(end, s.offset() + s.size());
            }
        }
        return end;
    }

    private static boolean allZero(ByteBuffer buf, long from, long to) {
        for (long i = from; i < to && i < buf.limit(); i++) {
            if (buf.get((int) i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<InfoRecord> resolveInfos(String name, ElfFile elf, Section info, Kpatch.InfoTable table,
            long elfStart) {
        Map<Long, Relocation> byOffset = new HashMap<>();
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() == info.index()) {
                for (Relocation r : elf.relocations(rs)) {
                    byOffset.putIfAbsent(r.offset(), r);
                }
            }
        }
        List<InfoRecord> out = new ArrayList<>();
        List<Kpatch.InfoRecord> records;
        try {
            records = table.records();
        } catch (RuntimeException e) {
            throw malformed(name, elfStart + info.offset(), "unreadable .kpatch.info: " + describe(e));
        }
        for (int i = 0; i < records.size(); i++) {
            Kpatch.InfoRecord r = records.get(i);
            long base = (long) i * INFO_SIZE;
            SymbolRef daddr = ref(elf, byOffset.get(base));
            SymbolRef saddr = ref(elf, byOffset.get(base + 8));
            SymbolRef symstr = ref(elf, byOffset.get(base + 24));
            String recName = null;
            long strOffset = -1;
            if (symstr != null) {
                strOffset = symstr.offset();
                recName = cString(elf, symstr.sectionIndex(), strOffset);
            }
            boolean isNew = daddr == null && r.daddr() == 0 && r.dlen() == 0;
            String function;
            if (recName != null) {
                function = !isNew && recName.endsWith(".kpatch")
                        ? recName.substring(0, recName.length() - ".kpatch".length()) : recName;
            } else if (!isNew && daddr != null && !daddr.sectionSymbol()) {
                function = daddr.symbol();
            } else if (saddr != null && !saddr.sectionSymbol()) {
                function = saddr.symbol();
            } else {
                function = null;
            }
            out.add(new InfoRecord(i, elfStart + info.offset() + base, isNew ? InfoRecord.Kind.NEW : InfoRecord.Kind.CHANGED,
                    recName, function, daddr, saddr, r.dlen(), r.slen(), r.flags(), r.daddr(), r.saddr(), r.symstr(),
                    r.vaddr(), strOffset));
        }
        return out;
    }

    /** Resolves a relocation against the patch's .symtab to section + offset + address. */
    private static SymbolRef ref(ElfFile elf, Relocation r) {
        if (r == null) {
            return null;
        }
        Optional<Symbol> sym = elf.symbol(SymbolTableKind.SYMTAB, r.symbolIndex());
        long addend = r.addendOrZero();
        if (sym.isEmpty()) {
            return new SymbolRef(r.symbolIndex(), null, false, 0, null, 0, addend, addend, 0, null, null, addend,
                    r.type());
        }
        Symbol s = sym.get();
        boolean sectionSymbol = s.type().is("SECTION");
        long secIndex = s.section();
        Section sec = s.isDefinedInSection() ? elf.section(secIndex).orElse(null) : null;
        long offset = (sectionSymbol ? 0 : s.value()) + addend;
        long address = sec != null ? sec.addr() + offset : s.value() + addend;
        return new SymbolRef(s.index(), s.name(), sectionSymbol, sec != null ? sec.index() : s.shndx(),
                sec != null ? sec.name() : null, sec != null ? sec.addr() : 0, offset, address, s.size(), s.type(),
                s.bind(), addend, r.type());
    }

    /** A NUL-terminated string at {@code offset} of a section with data, or null. */
    private static String cString(ElfFile elf, long sectionIndex, long offset) {
        Optional<Section> sec = elf.section(sectionIndex);
        if (sec.isEmpty() || !sec.get().hasFileData() || offset < 0 || Long.compareUnsigned(offset, sec.get().size()) >= 0) {
            return null;
        }
        int max = (int) Math.min(4096, sec.get().size() - offset);
        return Names.decodeCString(elf.read(sec.get().offset() + offset, max));
    }

    static KpatchImport importOf(Symbol sym) {
        String raw = sym.name();
        int at = raw.indexOf('@');
        String base = at < 0 ? raw : raw.substring(0, at);
        String version = null;
        boolean dflt = false;
        if (at >= 0) {
            dflt = raw.startsWith("@@", at);
            version = raw.substring(at + (dflt ? 2 : 1));
        }
        return new KpatchImport(sym.index(), raw, base, version, dflt, sym.type(), sym.bind());
    }

    private static MalformedFileException malformed(String file, long offset, String reason) {
        return new MalformedFileException(new Problem(file, offset, reason));
    }
}
