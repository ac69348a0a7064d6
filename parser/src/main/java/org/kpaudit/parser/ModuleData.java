package org.kpaudit.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.PointerTarget;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/**
 * Read access to the data of a relocatable kernel module: section bytes (zeros for NOBITS),
 * C strings, and pointers, which in an ET_REL object are relocations at the field's offset
 * (klp-format.md §2.3 step 1). Every read is checked against the section size.
 */
final class ModuleData {

    /** The longest C string read from a module (KSYM_NAME_LEN is 512; modinfo values are short). */
    static final int MAX_STRING = 4096;

    private final ElfFile elf;
    private final List<Symbol> symbols;
    private final long abs64Type;
    /** Relocations of non-code sections: target section index, then r_offset. */
    private final Map<Long, NavigableMap<Long, Relocation>> relocs = new HashMap<>();
    /** Named FUNC/OBJECT/NOTYPE symbols by section index, then st_value. */
    private Map<Long, NavigableMap<Long, List<Symbol>>> named;

    ModuleData(ElfFile elf, List<org.kpaudit.model.Problem> warnings) {
        this.elf = elf;
        this.symbols = elf.symbols(SymbolTableKind.SYMTAB);
        this.abs64Type = abs64Type(elf.header().machine().value());
        for (RelocationSection rs : elf.relocationSections()) {
            if (!rs.rela() || rs.section().hasFlag(Section.SHF_RELA_LIVEPATCH)) {
                continue;
            }
            Section target = elf.section(rs.target()).orElse(null);
            if (target == null || target.index() == 0 || target.hasFlag(Section.SHF_EXECINSTR) || isDebug(target)) {
                continue;
            }
            List<Relocation> list;
            try {
                list = elf.relocations(rs);
            } catch (org.kpaudit.model.MalformedFileException e) {
                warnings.add(e.problem());
                continue;
            }
            NavigableMap<Long, Relocation> m = relocs.computeIfAbsent((long) target.index(), k -> new TreeMap<>());
            for (Relocation r : list) {
                m.putIfAbsent(r.offset(), r);
            }
        }
    }

    ElfFile elf() {
        return elf;
    }

    List<Symbol> symbols() {
        return symbols;
    }

    /** The machine's 64-bit absolute relocation type (R_X86_64_64 ...), or -1 when unknown. */
    static long abs64Type(long machine) {
        return switch ((int) machine) {
            case 62 -> 1; // EM_X86_64: R_X86_64_64
            case 183 -> 257; // EM_AARCH64: R_AARCH64_ABS64
            case 21 -> 38; // EM_PPC64: R_PPC64_ADDR64
            case 243, 258 -> 2; // EM_RISCV: R_RISCV_64, EM_LOONGARCH: R_LARCH_64
            default -> -1;
        };
    }

    boolean supported() {
        return abs64Type >= 0 && elf.header().is64() && elf.header().endian() == org.kpaudit.model.Endian.LITTLE;
    }

    static boolean isDebug(Section s) {
        String n = s.name();
        return n != null && (n.startsWith(".debug") || n.startsWith(".zdebug") || n.equals(".BTF")
                || n.equals(".BTF.ext"));
    }

    Optional<Section> section(long index) {
        return elf.section(index);
    }

    /** Relocations applying to {@code [from, to)} of a non-code section. */
    NavigableMap<Long, Relocation> relocations(long section, long from, long to) {
        NavigableMap<Long, Relocation> m = relocs.get(section);
        if (m == null || Long.compareUnsigned(from, to) >= 0) {
            return new TreeMap<>();
        }
        return m.subMap(from, true, to, false);
    }

    /** Every indexed relocation of a section (empty when none). */
    NavigableMap<Long, Relocation> relocations(long section) {
        NavigableMap<Long, Relocation> m = relocs.get(section);
        return m == null ? new TreeMap<>() : m;
    }

    Map<Long, NavigableMap<Long, Relocation>> allRelocations() {
        return relocs;
    }

    Relocation relocationAt(long section, long offset) {
        NavigableMap<Long, Relocation> m = relocs.get(section);
        return m == null ? null : m.get(offset);
    }

    boolean isAbs64(Relocation r) {
        return r != null && r.type().value() == abs64Type;
    }

    Optional<Symbol> symbol(long index) {
        return index >= 0 && index < symbols.size() ? Optional.of(symbols.get((int) index)) : Optional.empty();
    }

    /** What a relocation points at: a defined section + offset, or an undefined symbol. */
    record Resolved(Symbol symbol, Section section, long offset) {
        boolean defined() {
            return section != null;
        }
    }

    /** Resolves S + A of a relocation; empty when its symbol index is out of range. */
    Optional<Resolved> resolve(Relocation r) {
        return resolve(r, 0);
    }

    /** Resolves S + A + {@code extra} (extra is 4 for an x86_64 RIP-relative displacement). */
    Optional<Resolved> resolve(Relocation r, long extra) {
        Optional<Symbol> s = symbol(r.symbolIndex());
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Symbol sym = s.get();
        if (sym.isDefinedInSection()) {
            Section sec = elf.section(sym.section()).orElse(null);
            if (sec != null) {
                long base = sym.type().is("SECTION") ? 0 : sym.value();
                return Optional.of(new Resolved(sym, sec, base + r.addendOrZero() + extra));
            }
        }
        return Optional.of(new Resolved(sym, null, r.addendOrZero() + extra));
    }

    /** The pointer stored at {@code (section, offset)}: the resolved abs64 relocation there, if any. */
    Optional<Resolved> pointer(long section, long offset) {
        Relocation r = relocationAt(section, offset);
        if (!isAbs64(r)) {
            return Optional.empty();
        }
        return resolve(r);
    }

    /** A resolved pointer as a model value, naming the symbol that starts at the target when there is one. */
    PointerTarget target(Resolved r) {
        if (!r.defined()) {
            return new PointerTarget(r.symbol().name(), null, 0, r.offset(), r.symbol().size(), false);
        }
        Symbol at = namedAt(r.section().index(), r.offset());
        return new PointerTarget(at == null ? null : at.name(), r.section().name(), r.section().index(), r.offset(),
                at == null ? 0 : at.size(), true);
    }

    /** The named function/object symbol that starts exactly at {@code (section, offset)}, or null. */
    Symbol namedAt(long section, long offset) {
        if (named == null) {
            Map<Long, NavigableMap<Long, List<Symbol>>> m = new HashMap<>();
            for (Symbol s : symbols) {
                if (s.index() == 0 || !s.isDefinedInSection() || s.name() == null || s.name().isEmpty()
                        || s.type().is("SECTION") || s.type().is("FILE")) {
                    continue;
                }
                m.computeIfAbsent(s.section(), k -> new TreeMap<>()).computeIfAbsent(s.value(), k -> new ArrayList<>())
                        .add(s);
            }
            named = m;
        }
        NavigableMap<Long, List<Symbol>> m = named.get(section);
        List<Symbol> here = m == null ? null : m.get(offset);
        if (here == null) {
            return null;
        }
        Symbol best = null;
        for (Symbol s : here) {
            if (best == null || rank(s) < rank(best)) {
                best = s;
            }
        }
        return best;
    }

    private static int rank(Symbol s) {
        boolean padding = s.name().startsWith("__pfx_") || s.name().startsWith("__cfi_");
        boolean typed = s.type().is("FUNC") || s.type().is("OBJECT");
        return (padding ? 4 : 0) + (typed ? 0 : 2) + (s.isGlobalOrWeak() ? 0 : 1);
    }

    /** An OBJECT symbol that starts at {@code (section, offset)} with a non-zero size, or null. */
    Symbol objectAt(long section, long offset) {
        Symbol s = namedAt(section, offset);
        if (s != null && s.size() > 0 && (s.type().is("OBJECT") || s.type().is("NOTYPE"))) {
            return s;
        }
        return null;
    }

    /** File offset of {@code offset} in a section with file data, else -1. */
    static long fileOffset(Section s, long offset) {
        return s.hasFileData() ? s.offset() + offset : -1;
    }

    /**
     * {@code length} bytes at {@code offset} of a section (zeros for NOBITS), or null when the
     * range is not inside the section or the section's contents lie outside the file.
     */
    byte[] bytes(Section s, long offset, int length) {
        if (offset < 0 || !ElfParser.inFile(offset, length, s.size())) {
            return null;
        }
        if (!s.hasFileData()) {
            return s.type().is("NOBITS") ? new byte[length] : null;
        }
        if (!ElfParser.inFile(s.offset(), s.size(), elf.size())) {
            return null;
        }
        byte[] b = elf.read(s.offset() + offset, length);
        return b.length == length ? b : null;
    }

    /** The NUL-terminated string at {@code offset} of a section, or null when out of range. */
    String cString(Section s, long offset) {
        if (offset < 0 || Long.compareUnsigned(offset, s.size()) >= 0) {
            return null;
        }
        if (!s.hasFileData()) {
            return s.type().is("NOBITS") ? "" : null;
        }
        long room = s.size() - offset;
        int n = (int) (Long.compareUnsigned(room, MAX_STRING) > 0 ? MAX_STRING : room);
        byte[] b = bytes(s, offset, n);
        return b == null ? null : Names.decodeCString(b);
    }
}
