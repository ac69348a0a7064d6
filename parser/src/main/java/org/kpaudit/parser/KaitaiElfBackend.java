package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;
import static org.kpaudit.parser.ElfParser.enumName;
import static org.kpaudit.parser.ElfParser.hex;
import static org.kpaudit.parser.ElfParser.inFile;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kpaudit.formats.Elf;
import org.kpaudit.model.Code;
import org.kpaudit.model.DynamicEntry;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.ElfHeader;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Segment;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.model.VersionDef;
import org.kpaudit.model.VersionNeed;

/**
 * Reads the lazy parts of an ELF file with the generated types: one entry at a time, from a
 * window (substream) of the mapped file, after checking the window against the file.
 */
final class KaitaiElfBackend implements ElfFile.Backend {

    /** Longest chain walk in a version or hash structure before it is called a loop. */
    private static final int MAX_CHAIN = 1 << 20;

    private final String name;
    private final long base;
    private final Elf root;
    private final FileBytes buf;
    private final ElfHeader header;
    private final List<Section> sections;
    private final List<Elf.SectionHeader> raw;
    private final List<Segment> segments;
    private final BitSet badData;
    private final List<Problem> warnings;
    private final boolean is64;
    private final boolean le;
    private final Budget budget;

    KaitaiElfBackend(String name, long base, Elf root, FileBytes buf, ElfHeader header, List<Section> sections,
            List<Elf.SectionHeader> raw, List<Segment> segments, BitSet badData, List<Problem> warnings) {
        this.name = name;
        this.base = base;
        this.root = root;
        this.buf = buf;
        this.header = header;
        this.sections = sections;
        this.raw = raw;
        this.segments = segments;
        this.badData = badData;
        this.warnings = new CopyOnWriteArrayList<>(warnings);
        this.is64 = header.is64();
        this.le = root.isLe();
        this.budget = new Budget(name, buf.size());
    }

    private MalformedFileException malformed(long offset, String reason) {
        return new MalformedFileException(new Problem(name, base + offset, reason));
    }

    private Problem warning(long offset, String reason) {
        return new Problem(name, base + offset, reason);
    }

    /** A window on the file covering a section's contents, after the bounds check. */
    private KaitaiStream window(Section s) {
        if (badData.get(s.index())) {
            throw malformed(s.offset(), "section [" + s.index() + "] " + nameOf(s)
                    + ": contents extend past the end of the file");
        }
        return window(s.offset(), s.size());
    }

    private KaitaiStream window(long offset, long length) {
        if (!inFile(offset, length, buf.size())) {
            throw malformed(offset, "0x" + hex(length) + " bytes at 0x" + hex(offset) + " extend past the end of the file");
        }
        if (length > MappedInput.MAX_MAPPED) {
            throw malformed(offset, "0x" + hex(length) + " bytes at 0x" + hex(offset) + " are more than one window"
                    + " of 2 GiB; not read");
        }
        return new ByteBufferKaitaiStream(buf.window(offset, length));
    }

    private static String nameOf(Section s) {
        return s.name() == null ? "" : s.name();
    }

    // ------------------------------------------------------------------ strings

    /** Longest name read from a string table; a longer one is cut there (and flagged with a warning). */
    static final int MAX_NAME = 1 << 16;

    /**
     * Reads NUL-terminated strings from one string table, one at a time, straight from the mapped
     * file (a name costs the scan to its NUL; no table is decoded as a whole).
     */
    private final class Strings {
        private final long base;
        private final long size;
        private boolean warnedLong;

        Strings(long base, long size) {
            this.base = base;
            this.size = size;
        }

        /** Bytes copied at a time while looking for the NUL (most names end within the first chunk). */
        private final byte[] chunk = new byte[256];

        String at(long offset) {
            if (size <= 0 || Long.compareUnsigned(offset, size) >= 0) {
                return null;
            }
            long start = base + offset;
            long limit = Math.min(base + size, start + (long) MAX_NAME);
            // scan in bulk copies rather than a bounds-checked get() per byte
            long end = start;
            boolean ascii = true;
            byte[] c = chunk;
            scan:
            while (end < limit) {
                int n = (int) Math.min(c.length, limit - end);
                buf.get(end, c, 0, n);
                for (int i = 0; i < n; i++) {
                    byte b = c[i];
                    if (b == 0) {
                        end += i;
                        break scan;
                    }
                    ascii &= b >= 0;
                }
                end += n;
            }
            if (end == limit && limit - start == MAX_NAME && !warnedLong) {
                warnedLong = true;
                warnings.add(warning(start, "name longer than " + MAX_NAME + " bytes; cut"));
            }
            int len = (int) (end - start);
            budget.names(len + 1L, start);
            if (ascii && len <= c.length) {
                // still in the chunk when the name fitted in the first copy
                if (len == 0) {
                    return "";
                }
                buf.get(start, c, 0, len);
                return new String(c, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            byte[] bytes = new byte[len];
            buf.get(start, bytes, 0, len);
            return ascii ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) : Names.decode(bytes);
        }
    }

    private Strings strings(long sectionIndex) {
        if (sectionIndex <= 0 || sectionIndex >= sections.size()) {
            return new Strings(0, 0);
        }
        Section s = sections.get((int) sectionIndex);
        if (!s.hasFileData() || badData.get(s.index())) {
            return new Strings(0, 0);
        }
        return new Strings(s.offset(), s.size());
    }

    // ------------------------------------------------------------------ symbols

    private Optional<Section> tableSection(SymbolTableKind kind) {
        String t = kind == SymbolTableKind.SYMTAB ? "SYMTAB" : "DYNSYM";
        return sections.stream().filter(s -> s.type().is(t)).findFirst();
    }

    /** Everything needed to read entries of one symbol table. */
    private final class SymbolReader {
        final Section section;
        final SymbolTableKind kind;
        final KaitaiStream io;
        final long count;
        final long entsize;
        final Strings names;
        final KaitaiStream shndxIo;
        final long shndxCount;
        final VersionIndex versions;

        SymbolReader(Section section, SymbolTableKind kind) {
            this.section = section;
            this.kind = kind;
            int min = is64 ? 24 : 16;
            if (Long.compareUnsigned(section.entsize(), min) < 0) {
                throw malformed(section.offset(), "symbol table [" + section.index() + "] " + nameOf(section)
                        + " has sh_entsize " + section.entsize() + ", smaller than a symbol (" + min + " bytes)");
            }
            this.entsize = section.entsize();
            this.io = window(section);
            this.count = Long.divideUnsigned(section.size(), entsize);
            Section linked = section.link() > 0 && section.link() < sections.size() ? sections.get((int) section.link())
                    : null;
            if (linked == null || !linked.type().is("STRTAB")) {
                warnings.add(warning(section.offset(), "symbol table [" + section.index() + "] " + nameOf(section)
                        + ": sh_link " + section.link() + " is not a string table; symbol names not read"));
                this.names = new Strings(0, 0);
            } else {
                this.names = strings(section.link());
            }
            Section shndx = sections.stream()
                    .filter(s -> s.type().is("SYMTAB_SHNDX") && s.link() == section.index() && !badData.get(s.index()))
                    .findFirst().orElse(null);
            this.shndxIo = shndx == null ? null : window(shndx);
            this.shndxCount = shndx == null ? 0 : shndx.size() / 4;
            this.versions = kind == SymbolTableKind.DYNSYM ? new VersionIndex() : null;
        }

        Symbol read(long i) {
            io.seek(i * entsize);
            Elf.Symbol s = new Elf.Symbol(io, null, root);
            int shndx = s.shndx();
            long resolvedSection = shndx;
            if (shndx == Symbol.SHN_XINDEX && shndxIo != null && i < shndxCount) {
                shndxIo.seek(i * 4);
                resolvedSection = le ? shndxIo.readU4le() : shndxIo.readU4be();
            }
            int typeRaw = s.info() & 0xf;
            String symName = names.at(s.nameOffset());
            if (typeRaw == 3 && (symName == null || symName.isEmpty()) && resolvedSection < sections.size()
                    && resolvedSection > 0) {
                symName = sections.get((int) resolvedSection).name();
            }
            String version = null;
            boolean hidden = false;
            boolean defined = false;
            if (versions != null) {
                int v = versions.versym(i);
                if (v >= 0) {
                    hidden = (v & 0x8000) != 0;
                    int idx = v & 0x7fff;
                    if (idx > 1) {
                        VersionIndex.Entry e = versions.byIndex().get(idx);
                        if (e != null) {
                            version = e.name();
                            defined = e.defined();
                        }
                    }
                }
            }
            return new Symbol(kind, (int) i, symName, s.nameOffset(), s.value(), s.size(),
                    Codes.symbolType(typeRaw), Codes.symbolBind(s.info() >> 4), Codes.visibility(s.other()), shndx, resolvedSection, version, hidden, defined);
        }
    }

    private final Map<SymbolTableKind, SymbolReader> readers = new HashMap<>();

    private synchronized Optional<SymbolReader> reader(SymbolTableKind kind) {
        SymbolReader r = readers.get(kind);
        if (r == null) {
            Optional<Section> sec = tableSection(kind);
            if (sec.isEmpty() || !sec.get().hasFileData()) {
                return Optional.empty();
            }
            r = new SymbolReader(sec.get(), kind);
            readers.put(kind, r);
        }
        return Optional.of(r);
    }

    @Override
    public synchronized List<Symbol> readSymbols(SymbolTableKind kind) {
        Optional<SymbolReader> r = reader(kind);
        if (r.isEmpty()) {
            return List.of();
        }
        SymbolReader sr = r.get();
        List<Symbol> out = new ArrayList<>((int) Math.min(sr.count, 1 << 20));
        budget.enter();
        try {
            for (long i = 0; i < sr.count; i++) {
                if ((i & (Budget.TICK - 1)) == 0) {
                    budget.tick(base + sr.section.offset() + i * sr.entsize);
                }
                out.add(sr.read(i));
            }
        } catch (MalformedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(sr.section.offset() + out.size() * sr.entsize, "symbol " + out.size() + " of "
                    + nameOf(sr.section) + ": " + describe(e));
        } finally {
            budget.exit();
        }
        return out;
    }

    @Override
    public synchronized Optional<Symbol> readSymbol(SymbolTableKind kind, long index) {
        Optional<SymbolReader> r = reader(kind);
        if (r.isEmpty() || index < 0 || index >= r.get().count) {
            return Optional.empty();
        }
        try {
            return Optional.of(r.get().read(index));
        } catch (MalformedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(r.get().section.offset() + index * r.get().entsize, "symbol " + index + ": " + describe(e));
        }
    }

    // ------------------------------------------------------------------ versions

    /** Version index -> name, from .gnu.version_r and .gnu.version_d, plus the .gnu.version array. */
    private final class VersionIndex {
        record Entry(String name, boolean defined) {
        }

        private Map<Integer, Entry> byIndex;
        private KaitaiStream versym;
        private long versymCount;
        private boolean versymLoaded;

        Map<Integer, Entry> byIndex() {
            if (byIndex == null) {
                Map<Integer, Entry> m = new HashMap<>();
                for (VersionNeed n : readVersionNeeds()) {
                    for (VersionNeed.Version v : n.versions()) {
                        m.put(v.index(), new Entry(v.name(), false));
                    }
                }
                for (VersionDef d : readVersionDefs()) {
                    m.put(d.index(), new Entry(d.name(), true));
                }
                byIndex = m;
            }
            return byIndex;
        }

        int versym(long i) {
            if (!versymLoaded) {
                versymLoaded = true;
                Optional<Section> vs = sections.stream().filter(s -> s.type().is("GNU_VERSYM")).findFirst();
                if (vs.isPresent() && vs.get().hasFileData() && !badData.get(vs.get().index())) {
                    versym = window(vs.get());
                    versymCount = vs.get().size() / 2;
                }
            }
            if (versym == null || i >= versymCount) {
                return -1;
            }
            versym.seek(i * 2);
            return le ? versym.readU2le() : versym.readU2be();
        }
    }

    @Override
    public synchronized List<VersionNeed> readVersionNeeds() {
        Optional<Section> sec = sections.stream().filter(s -> s.type().is("GNU_VERNEED")).findFirst();
        if (sec.isEmpty() || !sec.get().hasFileData()) {
            return List.of();
        }
        Section s = sec.get();
        Strings names = strings(s.link());
        List<VersionNeed> out = new ArrayList<>();
        try {
            Elf.VerneedTable t = new Elf.VerneedTable(window(s), null, root);
            Elf.Verneed vn = t.first();
            int guard = 0;
            while (vn != null && guard++ < MAX_CHAIN) {
                List<VersionNeed.Version> vs = new ArrayList<>();
                Elf.Vernaux a = vn.firstAux();
                for (int k = 0; a != null && k < vn.cnt(); k++) {
                    vs.add(new VersionNeed.Version(names.at(a.nameOffset()), a.other() & 0x7fff, a.hash(), a.flags()));
                    a = k + 1 < vn.cnt() ? a.next() : null;
                }
                out.add(new VersionNeed(names.at(vn.fileNameOffset()), vs));
                if (s.info() != 0 && out.size() >= s.info()) {
                    break;
                }
                vn = vn.next();
            }
        } catch (RuntimeException e) {
            warnings.add(warning(s.offset(), "malformed " + nameOf(s) + ": " + describe(e)));
        }
        return out;
    }

    @Override
    public synchronized List<VersionDef> readVersionDefs() {
        Optional<Section> sec = sections.stream().filter(s -> s.type().is("GNU_VERDEF")).findFirst();
        if (sec.isEmpty() || !sec.get().hasFileData()) {
            return List.of();
        }
        Section s = sec.get();
        Strings names = strings(s.link());
        List<VersionDef> out = new ArrayList<>();
        try {
            Elf.VerdefTable t = new Elf.VerdefTable(window(s), null, root);
            Elf.Verdef vd = t.first();
            int guard = 0;
            while (vd != null && guard++ < MAX_CHAIN) {
                String own = null;
                List<String> parents = new ArrayList<>();
                Elf.Verdaux a = vd.firstAux();
                for (int k = 0; a != null && k < vd.cnt(); k++) {
                    String n = names.at(a.nameOffset());
                    if (k == 0) {
                        own = n;
                    } else {
                        parents.add(n);
                    }
                    a = k + 1 < vd.cnt() ? a.next() : null;
                }
                out.add(new VersionDef(vd.ndx(), vd.flags(), own, parents));
                if (s.info() != 0 && out.size() >= s.info()) {
                    break;
                }
                vd = vd.next();
            }
        } catch (RuntimeException e) {
            warnings.add(warning(s.offset(), "malformed " + nameOf(s) + ": " + describe(e)));
        }
        return out;
    }

    // ------------------------------------------------------------------ hash lookup

    @Override
    public synchronized List<Symbol> lookupDynamic(String wanted) {
        Optional<SymbolReader> r = reader(SymbolTableKind.DYNSYM);
        if (r.isEmpty()) {
            return List.of();
        }
        SymbolReader sr = r.get();
        byte[] key = wanted.getBytes(StandardCharsets.UTF_8);
        Optional<Section> gnu = sections.stream()
                .filter(s -> s.type().is("GNU_HASH") && s.link() == sr.section.index() && !badData.get(s.index()))
                .findFirst();
        try {
            if (gnu.isPresent()) {
                return gnuLookup(gnu.get(), sr, key, wanted);
            }
            Optional<Section> sysv = sections.stream()
                    .filter(s -> s.type().is("HASH") && s.link() == sr.section.index() && !badData.get(s.index()))
                    .findFirst();
            if (sysv.isPresent()) {
                return sysvLookup(sysv.get(), sr, key, wanted);
            }
        } catch (MalformedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(sr.section.offset(), "hash table lookup of " + wanted + ": " + describe(e));
        }
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : readSymbols(SymbolTableKind.DYNSYM)) {
            if (wanted.equals(s.name()) && !s.isUndefined()) {
                out.add(s);
            }
        }
        return out;
    }

    private long word(KaitaiStream io, long pos) {
        io.seek(pos);
        return le ? io.readU4le() : io.readU4be();
    }

    private List<Symbol> gnuLookup(Section sec, SymbolReader sr, byte[] key, String wanted) {
        KaitaiStream io = window(sec);
        if (sec.size() < 16) {
            throw malformed(sec.offset(), ".gnu.hash is " + sec.size() + " bytes, shorter than its header");
        }
        Elf.GnuHashTable t = new Elf.GnuHashTable(io, null, root);
        long nb = t.numBuckets();
        long symoffset = t.symoffset();
        long bloomSize = t.numBloom();
        long c = is64 ? 64 : 32;
        long h = 5381;
        for (byte b : key) {
            h = (h * 33 + (b & 0xff)) & 0xffffffffL;
        }
        long bucketsOff = 16 + bloomSize * (c / 8);
        if (nb == 0 || bucketsOff + nb * 4 > sec.size()) {
            return List.of();
        }
        if (bloomSize > 0) {
            long wordIdx = (h / c) % bloomSize;
            io.seek(16 + wordIdx * (c / 8));
            long w = is64 ? (le ? io.readU8le() : io.readU8be()) : (le ? io.readU4le() : io.readU4be());
            long m1 = 1L << (h % c);
            long m2 = 1L << ((h >>> t.bloomShift()) % c);
            if ((w & m1) == 0 || (w & m2) == 0) {
                return List.of();
            }
        }
        long idx = word(io, bucketsOff + (h % nb) * 4);
        if (idx == 0) {
            return List.of();
        }
        long chainOff = bucketsOff + nb * 4;
        List<Symbol> out = new ArrayList<>();
        for (long i = idx; i < sr.count && i >= symoffset; i++) {
            long pos = chainOff + (i - symoffset) * 4;
            if (pos + 4 > sec.size()) {
                break;
            }
            long ch = word(io, pos);
            if ((ch | 1) == (h | 1)) {
                Symbol s = sr.read(i);
                if (wanted.equals(s.name())) {
                    out.add(s);
                }
            }
            if ((ch & 1) != 0) {
                break;
            }
        }
        return out;
    }

    private List<Symbol> sysvLookup(Section sec, SymbolReader sr, byte[] key, String wanted) {
        KaitaiStream io = window(sec);
        if (sec.size() < 8) {
            return List.of();
        }
        long nbucket = word(io, 0);
        long nchain = word(io, 4);
        if (nbucket == 0 || 8 + (nbucket + nchain) * 4 > sec.size()) {
            return List.of();
        }
        long h = 0;
        for (byte b : key) {
            h = ((h << 4) + (b & 0xff)) & 0xffffffffL;
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g & 0xffffffffL;
        }
        List<Symbol> out = new ArrayList<>();
        long i = word(io, 8 + (h % nbucket) * 4);
        for (long steps = 0; i != 0 && i < nchain && i < sr.count && steps <= nchain; steps++) {
            Symbol s = sr.read(i);
            if (wanted.equals(s.name()) && !s.isUndefined()) {
                out.add(s);
            }
            i = word(io, 8 + nbucket * 4 + i * 4);
        }
        return out;
    }

    // ------------------------------------------------------------------ relocations

    @Override
    public synchronized List<Relocation> readRelocations(RelocationSection rs) {
        if (rs.format() == RelocationSection.Format.RELR) {
            budget.enter();
            try {
                return readRelr(rs);
            } finally {
                budget.exit();
            }
        }
        Section s = rs.section();
        int min = rs.rela() ? (is64 ? 24 : 12) : (is64 ? 16 : 8);
        if (Long.compareUnsigned(s.entsize(), min) < 0) {
            throw malformed(s.offset(), "relocation section [" + s.index() + "] " + nameOf(s) + " has sh_entsize "
                    + s.entsize() + ", smaller than an entry (" + min + " bytes)");
        }
        KaitaiStream io = window(s);
        SymbolLookup symbols = new SymbolLookup(rs.symbolTable());
        Map<Long, Code> typeCodes = new HashMap<>();
        budget.enter();
        List<Relocation> out = new ArrayList<>((int) Math.min(rs.count(), 1 << 20));
        long machine = header.machine().value();
        try {
            for (long i = 0; i < rs.count(); i++) {
                if ((i & (Budget.TICK - 1)) == 0) {
                    budget.tick(base + s.offset() + i * s.entsize());
                }
                io.seek(i * s.entsize());
                Elf.Relocation r = new Elf.Relocation(io, null, root, rs.rela());
                long type = r.relType();
                long sym = r.symIndex();
                Code code = typeCodes.computeIfAbsent(type, t -> new Code(t, relocName(machine, r)));
                out.add(new Relocation((int) i, s.offset() + i * s.entsize(), r.offset(), r.info(), sym, code,
                        rs.rela() ? r.addend() : null, symbols.name(sym)));
            }
        } catch (MalformedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(s.offset() + out.size() * s.entsize(), "relocation " + out.size() + " of " + nameOf(s)
                    + ": " + describe(e));
        } finally {
            budget.exit();
        }
        return out;
    }

    /** Most relocations one RELR section may expand to (each bitmap word stands for up to 63). */
    static final int MAX_RELR = 1 << 23;

    /** RELATIVE relocation type of a machine, the implied type of every RELR entry. */
    private static long relativeType(long machine) {
        return switch ((int) machine) {
            case 62, 3 -> 8;
            case 183 -> 1027;
            case 243, 258 -> 3;
            default -> -1;
        };
    }

    /**
     * Expands SHT_RELR: an even word is an address to relocate; an odd word is a bitmap whose
     * bit i (i >= 1) relocates {@code next + (i - 1) * wordsize}.
     */
    private List<Relocation> readRelr(RelocationSection rs) {
        Section s = rs.section();
        int word = is64 ? 8 : 4;
        if (s.size() % word != 0) {
            throw malformed(s.offset(), "RELR section [" + s.index() + "] " + nameOf(s) + " is 0x" + hex(s.size())
                    + " bytes, not a whole number of " + word + "-byte words");
        }
        if (s.entsize() != word) {
            throw malformed(s.offset(), "RELR section [" + s.index() + "] " + nameOf(s) + " has sh_entsize "
                    + s.entsize() + ", expected " + word);
        }
        KaitaiStream io = window(s);
        Elf.RelrTable t = new Elf.RelrTable(io, null, root);
        long machine = header.machine().value();
        long relType = relativeType(machine);
        Code type = relType < 0 ? Code.unknown(0) : new Code(relType, relocTypeName(machine, relType));
        List<Relocation> out = new ArrayList<>();
        long next = 0;
        List<Long> words = t.entries();
        for (int i = 0; i < words.size(); i++) {
            long w = words.get(i);
            long fileOffset = s.offset() + (long) i * word;
            if ((w & 1) == 0) {
                out.add(new Relocation(out.size(), fileOffset, w, 0, 0, type, null, null));
                next = w + word;
            } else {
                for (int bit = 1; bit < word * 8; bit++) {
                    if ((w >>> bit & 1) != 0) {
                        out.add(new Relocation(out.size(), fileOffset, next + (long) (bit - 1) * word, 0, 0, type, null,
                                null));
                    }
                }
                next += (long) (word * 8 - 1) * word;
            }
            if (out.size() > MAX_RELR) {
                throw malformed(fileOffset, "RELR section expands to more than " + MAX_RELR + " relocations");
            }
            if ((i & (Budget.TICK - 1)) == 0) {
                budget.tick(base + fileOffset);
            }
        }
        return out;
    }

    /** The name of a relocation type number for a machine, or null when unknown. */
    static String relocTypeName(long machine, long type) {
        Enum<?> e = switch ((int) machine) {
            case 62 -> Elf.RelocX8664.byId(type);
            case 3 -> Elf.RelocI386.byId(type);
            case 183 -> Elf.RelocAarch64.byId(type);
            case 243 -> Elf.RelocRiscv.byId(type);
            case 258 -> Elf.RelocLoongarch.byId(type);
            default -> null;
        };
        return e == null ? null : e.name();
    }

    /** The name of a relocation type for the file's machine, or null when unknown. */
    private static String relocName(long machine, Elf.Relocation r) {
        Enum<?> e = switch ((int) machine) {
            case 62 -> r.typeX8664();
            case 3 -> r.typeI386();
            case 183 -> r.typeAarch64();
            case 243 -> r.typeRiscv();
            case 258 -> r.typeLoongarch();
            default -> null;
        };
        return e == null ? null : e.name();
    }

    /** Resolves symbol names of one symbol table by index, with a small cache. */
    private final class SymbolLookup {
        /** Marks a cached symbol without a readable name (compared by identity). */
        @SuppressWarnings("StringOperationCanBeSimplified")
        private static final String NO_NAME = new String("");
        private final SymbolReader reader;
        private String[] cache;

        SymbolLookup(long tableIndex) {
            SymbolReader r = null;
            if (tableIndex > 0 && tableIndex < sections.size()) {
                Section t = sections.get((int) tableIndex);
                if (t.type().is("SYMTAB") || t.type().is("DYNSYM")) {
                    SymbolTableKind kind = t.type().is("SYMTAB") ? SymbolTableKind.SYMTAB : SymbolTableKind.DYNSYM;
                    Optional<SymbolReader> first = reader(kind);
                    r = first.isPresent() && first.get().section.index() == t.index() ? first.get()
                            : t.hasFileData() ? new SymbolReader(t, kind) : null;
                }
            }
            this.reader = r;
        }

        String name(long index) {
            if (reader == null || index == 0 || index >= reader.count) {
                return null;
            }
            if (cache == null) {
                cache = new String[(int) Math.min(reader.count, Integer.MAX_VALUE - 8)];
            }
            String n = cache[(int) index];
            if (n == null) {
                String read = reader.read(index).name();
                n = read == null ? NO_NAME : read;
                cache[(int) index] = n;
            }
            return n == NO_NAME ? null : n;
        }
    }

    // ------------------------------------------------------------------ notes

    @Override
    public synchronized List<Note> readNotes(boolean fromSegments) {
        List<Note> out = new ArrayList<>();
        if (fromSegments) {
            for (Segment seg : segments) {
                if (seg.type().is("NOTE") && seg.filesz() > 0) {
                    readNoteArea(seg.offset(), seg.filesz(), seg.align() == 8 ? 8 : 4, "PT_NOTE[" + seg.index() + "]", out);
                }
            }
        } else {
            for (Section s : sections) {
                if (s.type().is("NOTE") && s.hasFileData()) {
                    if (badData.get(s.index())) {
                        continue;
                    }
                    readNoteArea(s.offset(), s.size(), s.addralign() == 8 ? 8 : 4, nameOf(s), out);
                }
            }
        }
        return out;
    }

    private void readNoteArea(long offset, long size, int align, String source, List<Note> out) {
        if (!inFile(offset, size, buf.size())) {
            warnings.add(warning(offset, source + ": notes at 0x" + hex(offset) + " + 0x" + hex(size)
                    + " extend past the end of the file"));
            return;
        }
        NoteArea.read(name, base, root, window(offset, size), size, offset, align, source, out, warnings);
    }

    // ------------------------------------------------------------------ dynamic

    @Override
    public synchronized List<DynamicEntry> readDynamic() {
        Optional<Section> sec = sections.stream().filter(s -> s.type().is("DYNAMIC") && s.hasFileData()).findFirst();
        long off;
        long size;
        Strings strs;
        if (sec.isPresent()) {
            if (badData.get(sec.get().index())) {
                return List.of();
            }
            off = sec.get().offset();
            size = sec.get().size();
            strs = strings(sec.get().link());
        } else {
            Optional<Segment> seg = segments.stream().filter(s -> s.type().is("DYNAMIC")).findFirst();
            if (seg.isEmpty() || !inFile(seg.get().offset(), seg.get().filesz(), buf.size())) {
                return List.of();
            }
            off = seg.get().offset();
            size = seg.get().filesz();
            strs = null;
        }
        int entSize = is64 ? 16 : 8;
        KaitaiStream io = window(off, size);
        List<Elf.DynamicEntry> rawEntries = new ArrayList<>();
        for (long pos = 0; pos + entSize <= size; pos += entSize) {
            io.seek(pos);
            Elf.DynamicEntry d = new Elf.DynamicEntry(io, null, root);
            rawEntries.add(d);
            if (d.tagRaw() == 0) {
                break;
            }
        }
        if (strs == null) {
            strs = dynstrFromSegments(rawEntries);
        }
        List<DynamicEntry> out = new ArrayList<>(rawEntries.size());
        for (Elf.DynamicEntry d : rawEntries) {
            long tag = d.tagRaw();
            boolean isString = tag == 1 || tag == 14 || tag == 15 || tag == 29 || tag == 0x7ffffffdL || tag == 0x7fffffffL;
            out.add(new DynamicEntry(new Code(tag, enumName(d.tag())), d.value(), isString ? strs.at(d.value()) : null));
        }
        return out;
    }

    /** DT_STRTAB / DT_STRSZ mapped to the file through PT_LOAD, for objects without section headers. */
    private Strings dynstrFromSegments(List<Elf.DynamicEntry> entries) {
        long strtab = -1;
        long strsz = -1;
        for (Elf.DynamicEntry d : entries) {
            if (d.tagRaw() == 5) {
                strtab = d.value();
            } else if (d.tagRaw() == 10) {
                strsz = d.value();
            }
        }
        if (strtab < 0 || strsz <= 0) {
            return new Strings(0, 0);
        }
        for (Segment s : segments) {
            if (s.type().is("LOAD") && Long.compareUnsigned(strtab, s.vaddr()) >= 0
                    && Long.compareUnsigned(strtab - s.vaddr(), s.filesz()) < 0) {
                long off = s.offset() + (strtab - s.vaddr());
                long len = Math.min(strsz, s.filesz() - (strtab - s.vaddr()));
                if (inFile(off, len, buf.size())) {
                    return new Strings(off, len);
                }
            }
        }
        return new Strings(0, 0);
    }

    // ------------------------------------------------------------------ raw bytes

    @Override
    public byte[] read(long offset, int length) {
        long size = buf.size();
        if (offset < 0 || length < 0 || Long.compareUnsigned(offset, size) > 0) {
            return new byte[0];
        }
        int n = (int) Math.min(length, size - offset);
        byte[] out = new byte[n];
        buf.get(offset, out, 0, n);
        return out;
    }

    @Override
    public List<Problem> warnings() {
        return warnings;
    }
}
