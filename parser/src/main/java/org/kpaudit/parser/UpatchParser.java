package org.kpaudit.parser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Note;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.model.UpatchPatch;

/**
 * Reads the upatch structures of an ELF relocatable object (upatch-format.md): each 48-byte
 * {@code struct upatch_patch_func} of {@code .upatch.funcs}, its new function and its name taken
 * from the two relocations of {@code .rela.upatch.funcs} at +0 and +40 (never from the order of
 * {@code .upatch.strings}, which is only recorded beside for comparison), the target's build-id
 * from the copied notes, and the symbols already resolved to the target (SHN_LIVEPATCH).
 */
public final class UpatchParser {

    /** {@code sizeof(struct upatch_patch_func)} on 64-bit targets. */
    public static final int ENTRY_SIZE = 48;
    /** Offset of {@code name} in the entry. */
    public static final int NAME_OFFSET = 40;
    /** SHN_LIVEPATCH. */
    public static final int SHN_LIVEPATCH = 0xff20;
    /** Entries read at most (a hostile table claims any size). */
    static final int MAX_ENTRIES = 1 << 16;

    private UpatchParser() {
    }

    /** True when the object has a {@code .upatch.funcs} section. */
    public static boolean isUpatch(ElfFile elf) {
        return elf.section(".upatch.funcs").isPresent();
    }

    public static UpatchPatch of(ElfFile elf) {
        List<String> problems = new ArrayList<>();
        Section funcs = elf.section(".upatch.funcs").orElse(null);
        List<UpatchPatch.UpatchFunction> out = new ArrayList<>();
        if (funcs == null || !funcs.hasFileData()) {
            problems.add(".upatch.funcs is missing or has no data in the file");
            return new UpatchPatch(elf, out, buildId(elf), 0, List.of(), problems);
        }
        if (funcs.size() % ENTRY_SIZE != 0) {
            problems.add(".upatch.funcs is " + funcs.size() + " bytes, not a multiple of " + ENTRY_SIZE);
        }
        long count = Math.min(funcs.size() / ENTRY_SIZE, MAX_ENTRIES);
        if (funcs.size() / ENTRY_SIZE > MAX_ENTRIES) {
            problems.add(".upatch.funcs claims " + funcs.size() / ENTRY_SIZE + " entries; the first " + MAX_ENTRIES
                    + " were read");
        }
        byte[] table = elf.sectionBytes(funcs, (int) (count * ENTRY_SIZE));
        ByteBuffer b = ByteBuffer.wrap(table).order(elf.header().endian() == org.kpaudit.model.Endian.LITTLE ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        // the relocations of the table, by offset
        Map<Long, Relocation> relocs = new HashMap<>();
        int relCount = 0;
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() == funcs.index()) {
                for (Relocation r : elf.relocations(rs)) {
                    relCount++;
                    if (relocs.putIfAbsent(r.offset(), r) != null) {
                        problems.add("two relocations of .upatch.funcs at offset 0x" + Long.toHexString(r.offset()));
                    }
                }
            }
        }
        if (relCount != 2 * count) {
            problems.add(relCount + " relocations of .upatch.funcs for " + count + " entries (2 per entry expected)");
        }
        Section strings = elf.section(".upatch.strings").orElse(null);
        byte[] str = strings != null && strings.hasFileData() ? elf.sectionBytes(strings, (int) Math.min(strings.size(),
                16L << 20)) : new byte[0];
        List<String> byOrder = splitStrings(str);
        for (int i = 0; i < count; i++) {
            int at = i * ENTRY_SIZE;
            long newSize = b.getLong(at + 8);
            long oldAddr = b.getLong(at + 16);
            long oldSize = b.getLong(at + 24);
            long sympos = b.getLong(at + 32);
            Relocation fn = relocs.get((long) at);
            Relocation nm = relocs.get((long) at + NAME_OFFSET);
            String name = null;
            if (nm != null) {
                long off = nm.addend() == null ? 0 : nm.addend();
                name = off >= 0 && off < str.length ? cString(str, (int) off) : null;
                if (name == null) {
                    problems.add("entry " + i + ": its name relocation points at offset " + off
                            + ", outside .upatch.strings");
                }
            }
            out.add(new UpatchPatch.UpatchFunction(i, funcs.offset() + at, name, i < byOrder.size() ? byOrder.get(i) : null,
                    fn == null ? null : fn.symbolName(), newSize, oldAddr, oldSize, sympos));
        }
        int livepatch = 0;
        List<String> undefined = new ArrayList<>();
        for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (s.shndx() == SHN_LIVEPATCH) {
                livepatch++;
            } else if (s.isUndefined() && s.name() != null && !s.name().isEmpty()) {
                undefined.add(s.name());
            }
        }
        return new UpatchPatch(elf, out, buildId(elf), livepatch, undefined, problems);
    }

    private static String buildId(ElfFile elf) {
        for (Note n : elf.notes()) {
            if ("GNU".equals(n.owner()) && n.type() != null && n.type().value() == 3 && n.desc().length > 0) {
                return HexFormat.of().formatHex(n.desc());
            }
        }
        return null;
    }

    private static List<String> splitStrings(byte[] s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                if (i > start) {
                    out.add(new String(s, start, i - start, StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String cString(byte[] s, int at) {
        int end = at;
        while (end < s.length && s[end] != 0) {
            end++;
        }
        return new String(s, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /** For callers that hold only the bytes. */
    static Optional<UpatchPatch> tryParse(ElfFile elf) {
        return isUpatch(elf) ? Optional.of(of(elf)) : Optional.empty();
    }
}
