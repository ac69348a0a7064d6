package org.kpaudit.parser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.KernelSymbol;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/**
 * Reads the symbols of a livepatch target: {@code Module.symvers} (modpost's
 * {@code write_dump()}: {@code 0x%08x\t%s\t%s\tEXPORT_SYMBOL%s\t%s}: crc, symbol, module, _GPL,
 * namespace), {@code System.map} or {@code /proc/kallsyms} text ({@code address type name
 * [module]}), or an ELF vmlinux or module. Kinds are told apart by content. An exported symbol is
 * one listed in Module.symvers, or with a {@code __ksymtab_<name>} symbol (the label
 * {@code include/linux/export-internal.h __KSYMTAB()} emits for every export).
 */
public final class KernelSymbolsReader {

    /** Longest line kept; longer lines are reported and skipped. */
    static final int MAX_LINE = 64 * 1024;
    /** Most lines read (a full kallsyms has a few hundred thousand). */
    static final long MAX_LINES = 20_000_000L;
    /** Most ftrace sites read from an ELF target. */
    static final long MAX_SITES = 1 << 24;
    private static final int MAX_WARNINGS = 20;

    private static final String KSYMTAB = "__ksymtab_";

    private KernelSymbolsReader() {
    }

    public static KernelSymbols read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new MalformedFileException(new Problem(path.toString(), -1, "is a directory"));
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return fromElf(ElfParser.parse(path));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return fromText(path.toString(), in);
        }
    }

    // ------------------------------------------------------------------ text

    /** Reads Module.symvers, System.map or kallsyms text. */
    public static KernelSymbols fromText(String name, InputStream in) throws IOException {
        Text t = new Text(name);
        LineReader lines = new LineReader(in);
        String line;
        while ((line = lines.next()) != null) {
            if (lines.number > MAX_LINES) {
                t.warn(lines.offset, "more than " + MAX_LINES + " lines; the rest is not read");
                break;
            }
            if (lines.tooLong) {
                t.warn(lines.offset, "line " + lines.number + " is longer than " + MAX_LINE + " bytes; skipped");
                continue;
            }
            if (!line.isBlank()) {
                t.line(line, lines.offset, lines.number);
            }
        }
        return t.result();
    }

    private static final class Text {
        final String name;
        KernelSymbols.Format format;
        final Map<String, List<KernelSymbol>> symbols = new HashMap<>();
        final Map<String, KernelSymbols.Export> exports = new HashMap<>();
        final Set<String> objects = new LinkedHashSet<>();
        final List<Problem> warnings = new ArrayList<>();
        int skipped;
        boolean nonZeroAddress;
        boolean modules;

        Text(String name) {
            this.name = name;
        }

        void warn(long offset, String reason) {
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(new Problem(name, offset, reason));
            }
        }

        void line(String line, long offset, long number) {
            if (format == null) {
                format = symvers(line) != null ? KernelSymbols.Format.MODULE_SYMVERS
                        : nm(line) != null ? KernelSymbols.Format.SYSTEM_MAP : null;
                if (format == null) {
                    throw new MalformedFileException(new Problem(name, offset, "line " + number + " is neither a"
                            + " Module.symvers line (0xCRC<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL...) nor a System.map or"
                            + " kallsyms line (address type name [module]), and the file is not ELF"));
                }
            }
            if (format == KernelSymbols.Format.MODULE_SYMVERS) {
                KernelSymbols.Export e = symvers(line);
                if (e == null) {
                    skip(offset, number);
                    return;
                }
                exports.putIfAbsent(e.name(), e);
                return;
            }
            KernelSymbol s = nm(line);
            if (s == null) {
                skip(offset, number);
                return;
            }
            nonZeroAddress |= s.address() != 0;
            modules |= s.module() != null;
            objects.add(s.objectName());
            symbols.computeIfAbsent(s.name(), k -> new ArrayList<>(1)).add(s);
            if (s.name().startsWith(KSYMTAB) && s.name().length() > KSYMTAB.length()) {
                String exported = s.name().substring(KSYMTAB.length());
                exports.putIfAbsent(exported, new KernelSymbols.Export(exported, s.objectName(), null, null, null));
            }
        }

        void skip(long offset, long number) {
            skipped++;
            warn(offset, "line " + number + " is not a " + format.label() + " line; skipped");
        }

        KernelSymbols result() {
            if (format == null) {
                throw new MalformedFileException(new Problem(name, 0, "empty symbol list"));
            }
            if (skipped > MAX_WARNINGS) {
                warnings.add(new Problem(name, -1, skipped + " lines in all were skipped"));
            }
            KernelSymbols.Format f = format;
            if (f == KernelSymbols.Format.SYSTEM_MAP && modules) {
                f = KernelSymbols.Format.KALLSYMS;
            }
            if (f != KernelSymbols.Format.MODULE_SYMVERS && !nonZeroAddress) {
                warnings.add(new Problem(name, -1, "every address is 0 (kallsyms read without permission,"
                        + " kptr_restrict); names are still used"));
            }
            String why = "a " + f.label() + " has no ftrace call sites; give the vmlinux ELF with --target";
            return new KernelSymbols(name, f, f == KernelSymbols.Format.MODULE_SYMVERS ? Set.of() : objects, symbols,
                    exports, null, why, warnings);
        }
    }

    /** {@code crc \t symbol \t module \t EXPORT_SYMBOL[_GPL] \t namespace}; null when not such a line. */
    static KernelSymbols.Export symvers(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 4 || !f[0].startsWith("0x") || f[1].isEmpty()) {
            return null;
        }
        Long crc;
        try {
            crc = Long.parseUnsignedLong(f[0].substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        // 6.x order: module then export type then namespace; 5.4-5.7 had the namespace third [inferred]
        if (f[3].startsWith("EXPORT_")) {
            return new KernelSymbols.Export(f[1], f[2], f[3], f.length > 4 && !f[4].isEmpty() ? f[4] : null, crc);
        }
        if (f.length > 4 && f[4].startsWith("EXPORT_")) {
            return new KernelSymbols.Export(f[1], f[3], f[4], f[2].isEmpty() ? null : f[2], crc);
        }
        return null;
    }

    /** {@code address type name [module]}; null when not such a line. */
    static KernelSymbol nm(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 3 || f.length > 4 || f[1].length() != 1) {
            return null;
        }
        long addr;
        try {
            if (f[0].isEmpty() || f[0].length() > 16) {
                return null;
            }
            addr = Long.parseUnsignedLong(f[0], 16);
        } catch (NumberFormatException e) {
            return null;
        }
        char type = f[1].charAt(0);
        if (!Character.isLetter(type) && type != '?') {
            return null;
        }
        String module = null;
        if (f.length == 4) {
            if (!f[3].startsWith("[") || !f[3].endsWith("]") || f[3].length() < 3) {
                return null;
            }
            module = f[3].substring(1, f[3].length() - 1);
        }
        return new KernelSymbol(f[2], addr, -1, type, module, Character.isLowerCase(type), -1);
    }

    /** Lines of at most {@link #MAX_LINE} bytes, decoded as UTF-8 with invalid bytes shown as {@code \xNN}. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[MAX_LINE];
        long offset;
        long number;
        boolean tooLong;
        private long pos;

        LineReader(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            int n = 0;
            tooLong = false;
            offset = pos;
            int c;
            boolean any = false;
            while ((c = in.read()) >= 0) {
                pos++;
                any = true;
                if (c == '\n') {
                    break;
                }
                if (n < buf.length) {
                    buf[n++] = (byte) c;
                } else {
                    tooLong = true;
                }
            }
            if (!any) {
                return null;
            }
            number++;
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            return Names.decode(java.util.Arrays.copyOf(buf, n));
        }
    }

    // ------------------------------------------------------------------ ELF

    /** Reads the symbols, exports and ftrace sites of an ELF vmlinux or module. */
    public static KernelSymbols fromElf(ElfFile elf) {
        String name = elf.path();
        List<Problem> warnings = new ArrayList<>();
        boolean rel = elf.header().type().is("REL");
        String object = KlpObject.VMLINUX;
        if (rel && FileTypeDetector.modinfoKind(elf).isPresent()) {
            object = LivepatchParser.of(elf).name();
            if (object == null) {
                throw new MalformedFileException(new Problem(name, -1, "a module without a name (no .modinfo name"
                        + " and no name in .gnu.linkonce.this_module)"));
            }
        }
        List<Symbol> syms = elf.symbols(SymbolTableKind.SYMTAB);
        if (syms.isEmpty()) {
            throw new MalformedFileException(new Problem(name, -1, "no .symtab: a stripped object cannot be used as a"
                    + " symbol list (Debian ships the unstripped vmlinux in linux-image-<version>-dbg)"));
        }
        Map<String, List<KernelSymbol>> symbols = new HashMap<>();
        Map<String, KernelSymbols.Export> exports = new HashMap<>();
        String module = KlpObject.VMLINUX.equals(object) ? null : object;
        for (Symbol s : syms) {
            if (s.index() == 0 || s.name() == null || s.name().isEmpty() || !s.isDefinedInSection()
                    || s.type().is("SECTION") || s.type().is("FILE")) {
                continue;
            }
            boolean local = s.bind().is("LOCAL");
            char type = typeLetter(elf, s, local);
            symbols.computeIfAbsent(s.name(), k -> new ArrayList<>(1)).add(new KernelSymbol(s.name(), s.value(), s.size(),
                    type, module, local, rel ? s.section() : -1));
            if (s.name().startsWith(KSYMTAB) && s.name().length() > KSYMTAB.length()) {
                String exported = s.name().substring(KSYMTAB.length());
                exports.putIfAbsent(exported, new KernelSymbols.Export(exported, object, null, null, null));
            }
        }
        KernelSymbols.FtraceSites sites = null;
        String why = null;
        try {
            sites = rel ? relocatableSites(elf) : linkedSites(elf, syms);
            if (sites == null) {
                why = rel ? "no __mcount_loc section with relocations"
                        : "no __start_mcount_loc / __stop_mcount_loc symbols";
            }
        } catch (MalformedFileException e) {
            warnings.add(e.problem());
            why = e.problem().reason();
        }
        return new KernelSymbols(name, KernelSymbols.Format.ELF, Set.of(object), symbols, exports, sites, why, warnings);
    }

    /** An nm-style letter: T/t text, D/d data, R/r read-only, B/b bss, with case for binding. */
    private static char typeLetter(ElfFile elf, Symbol s, boolean local) {
        Optional<Section> sec = elf.section(s.section());
        char c = '?';
        if (sec.isPresent()) {
            Section x = sec.get();
            c = x.hasFlag(Section.SHF_EXECINSTR) ? 't' : x.type().is("NOBITS") ? 'b'
                    : x.hasFlag(Section.SHF_WRITE) ? 'd' : 'r';
        }
        return local ? c : Character.toUpperCase(c);
    }

    /** {@code __start_mcount_loc..__stop_mcount_loc} of a linked vmlinux: 64-bit addresses. */
    private static KernelSymbols.FtraceSites linkedSites(ElfFile elf, List<Symbol> syms) {
        Symbol start = null;
        Symbol stop = null;
        for (Symbol s : syms) {
            if ("__start_mcount_loc".equals(s.name())) {
                start = s;
            } else if ("__stop_mcount_loc".equals(s.name())) {
                stop = s;
            }
        }
        if (start == null || stop == null) {
            return null;
        }
        String name = elf.path();
        if (!elf.header().is64()) {
            throw new MalformedFileException(new Problem(name, -1, "ftrace sites are read from 64-bit kernels only"));
        }
        long len = stop.value() - start.value();
        if (len < 0 || len % 8 != 0 || len / 8 > MAX_SITES) {
            throw new MalformedFileException(new Problem(name, -1, "__start_mcount_loc (0x" + Long.toHexString(start.value())
                    + ") and __stop_mcount_loc (0x" + Long.toHexString(stop.value()) + ") do not bound a table of"
                    + " 8-byte addresses"));
        }
        Section holder = null;
        for (Section s : elf.sections()) {
            if (s.hasFileData() && s.hasFlag(Section.SHF_ALLOC) && Long.compareUnsigned(start.value(), s.addr()) >= 0
                    && Long.compareUnsigned(start.value() - s.addr() + len, s.size()) <= 0) {
                holder = s;
                break;
            }
        }
        if (holder == null) {
            throw new MalformedFileException(new Problem(name, -1, "the mcount table at 0x"
                    + Long.toHexString(start.value()) + " is in no section with file data"));
        }
        long fileOff = holder.offset() + (start.value() - holder.addr());
        if (!ElfParser.inFile(fileOff, len, elf.size())) {
            throw new MalformedFileException(new Problem(name, fileOff, "the mcount table extends past the end of the"
                    + " file"));
        }
        long[] out = new long[(int) (len / 8)];
        ByteOrder order = elf.header().endian() == org.kpaudit.model.Endian.LITTLE ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
        int chunk = 1 << 16;
        for (int i = 0; i < out.length; i += chunk / 8) {
            int n = Math.min(chunk / 8, out.length - i);
            ByteBuffer b = ByteBuffer.wrap(elf.read(fileOff + (long) i * 8, n * 8)).order(order);
            for (int k = 0; k < n && b.remaining() >= 8; k++) {
                out[i + k] = b.getLong();
            }
        }
        java.util.Arrays.sort(out);
        return new KernelSymbols.FtraceSites("__start_mcount_loc..__stop_mcount_loc (" + out.length + " sites)", out,
                null);
    }

    /** {@code __mcount_loc} of a relocatable object: each entry is a relocation to section + offset. */
    private static KernelSymbols.FtraceSites relocatableSites(ElfFile elf) {
        Optional<Section> mc = elf.section("__mcount_loc");
        if (mc.isEmpty()) {
            return null;
        }
        Map<Long, List<Long>> bySection = new TreeMap<>();
        List<Symbol> syms = elf.symbols(SymbolTableKind.SYMTAB);
        boolean found = false;
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() != mc.get().index()) {
                continue;
            }
            found = true;
            for (Relocation r : elf.relocations(rs)) {
                if (r.symbolIndex() <= 0 || r.symbolIndex() >= syms.size()) {
                    continue;
                }
                Symbol s = syms.get((int) r.symbolIndex());
                if (!s.isDefinedInSection()) {
                    continue;
                }
                long off = (s.type().is("SECTION") ? 0 : s.value()) + r.addendOrZero();
                bySection.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(off);
            }
        }
        if (!found) {
            return null;
        }
        Map<Long, long[]> out = new HashMap<>();
        for (Map.Entry<Long, List<Long>> e : bySection.entrySet()) {
            out.put(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).sorted().toArray());
        }
        return new KernelSymbols.FtraceSites("__mcount_loc relocations", null, out);
    }
}
