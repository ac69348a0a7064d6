package org.kpaudit.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ELF object of a synthetic LibcarePlus patch the way {@code kpatch_strip} leaves it
 * (kpatch-format.md sections 1.5 and 2): NOBITS original sections that keep the target's
 * addresses, {@code .kpatch.text}, {@code .kpatch.strtab}, {@code .kpatch.info} with a 24-byte
 * terminator, {@code .rela.kpatch.info} with three 64-bit relocations per record, and a
 * {@code .symtab} whose original function symbols are section-relative.
 */
public final class PatchBuilder {

    /** R_X86_64_64 / R_AARCH64_ABS64. */
    public static final int R_X86_64_64 = 1;
    public static final int R_X86_64_PC32 = 2;
    public static final int R_AARCH64_ABS64 = 257;

    /** A changed function: original at {@code .text + offset}, {@code dlen} bytes; new code {@code slen} bytes. */
    public record Changed(String name, long offset, long dlen, long slen, boolean viaSectionSymbol) {
    }

    /** A new function of {@code slen} bytes. */
    public record Added(String name, long slen) {
    }

    /** A relocation in .kpatch.text against an import or a target symbol. */
    public record TextReloc(long offset, long type, String symbol, long addend) {
    }

    private final int machine;
    private long textAddr = 0x1080;
    private long textSize = 0x400;
    private long dataAddr = 0x4020;
    private long dataSize = 0x100;
    private final List<Changed> changed = new ArrayList<>();
    private final List<Added> added = new ArrayList<>();
    private final List<String> imports = new ArrayList<>();
    private final List<TextReloc> textRelocs = new ArrayList<>();
    private final List<ElfWriter.Sym> extraSymbols = new ArrayList<>();
    private byte[] kpatchData;
    private final Map<Long, byte[]> code = new java.util.TreeMap<>();

    public PatchBuilder(int machine) {
        this.machine = machine;
    }

    public static PatchBuilder x86() {
        return new PatchBuilder(ElfWriter.EM_X86_64);
    }

    public static PatchBuilder aarch64() {
        return new PatchBuilder(ElfWriter.EM_AARCH64);
    }

    public PatchBuilder text(long addr, long size) {
        textAddr = addr;
        textSize = size;
        return this;
    }

    public PatchBuilder data(long addr, long size) {
        dataAddr = addr;
        dataSize = size;
        return this;
    }

    public PatchBuilder changed(String name, long offset, long dlen, long slen) {
        changed.add(new Changed(name, offset, dlen, slen, false));
        return this;
    }

    /** A changed static function known only as {@code .text + offset} (no symbol of its own). */
    public PatchBuilder changedStatic(String name, long offset, long dlen, long slen) {
        changed.add(new Changed(name, offset, dlen, slen, true));
        return this;
    }

    public PatchBuilder added(String name, long slen) {
        added.add(new Added(name, slen));
        return this;
    }

    /** An undefined GLOBAL symbol named {@code name@version} (FUNC, or OBJECT when {@code object}). */
    public PatchBuilder importSymbol(String nameAtVersion) {
        imports.add(nameAtVersion);
        return this;
    }

    /** A symbol to add to .symtab as given (section index counted in the final object). */
    public PatchBuilder symbol(ElfWriter.Sym s) {
        extraSymbols.add(s);
        return this;
    }

    public PatchBuilder textReloc(long offset, long type, String symbol, long addend) {
        textRelocs.add(new TextReloc(offset, type, symbol, addend));
        return this;
    }

    /** Bytes to write over the new code at {@code offset} of .kpatch.text (which is otherwise 0xcc). */
    public PatchBuilder code(long offset, byte... bytes) {
        code.put(offset, bytes.clone());
        return this;
    }

    public PatchBuilder kpatchData(byte[] bytes) {
        kpatchData = bytes.clone();
        return this;
    }

    public byte[] build() {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_REL, machine);
        ElfWriter.Sec text = w.nobits(".text", 6, textAddr, textSize);
        text.align = 16;
        ElfWriter.Sec data = w.nobits(".data", 3, dataAddr, dataSize);
        data.align = 32;
        long codeSize = 0;
        for (Changed c : changed) {
            codeSize += c.slen();
        }
        for (Added a : added) {
            codeSize += a.slen();
        }
        byte[] newCode = new byte[(int) codeSize];
        java.util.Arrays.fill(newCode, (byte) 0xcc);
        for (Map.Entry<Long, byte[]> e : code.entrySet()) {
            System.arraycopy(e.getValue(), 0, newCode, (int) (long) e.getKey(), e.getValue().length);
        }
        ElfWriter.Sec ktext = w.section(".kpatch.text", ElfWriter.SHT_PROGBITS, 6, 0x2000, newCode);
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        Map<String, Long> strOff = new HashMap<>();
        for (Changed c : changed) {
            strOff.put(c.name() + ".kpatch", (long) strtab.size());
            strtab.writeBytes((c.name() + ".kpatch\0").getBytes(StandardCharsets.UTF_8));
        }
        for (Added a : added) {
            strOff.put(a.name(), (long) strtab.size());
            strtab.writeBytes((a.name() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        ElfWriter.Sec kstr = w.section(".kpatch.strtab", ElfWriter.SHT_PROGBITS, 2, 0x3000, strtab.toByteArray());
        int n = changed.size() + added.size();
        ByteBuffer info = ByteBuffer.allocate(48 * n + 24).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        for (Changed c : changed) {
            info.putLong(48 * i, textAddr + c.offset());
            info.putInt(48 * i + 16, (int) c.dlen());
            info.putInt(48 * i + 20, (int) c.slen());
            i++;
        }
        for (Added a : added) {
            info.putInt(48 * i + 20, (int) a.slen());
            i++;
        }
        ElfWriter.Sec kinfo = w.section(".kpatch.info", ElfWriter.SHT_PROGBITS, 2, 0x3100, info.array());
        ElfWriter.Sec kdata = null;
        if (kpatchData != null) {
            kdata = w.section(".kpatch.data", ElfWriter.SHT_PROGBITS, 3, 0x6000, kpatchData);
            kdata.align = 4096;
        }

        // symbols: section symbols first (LOCAL), then originals, new code, imports
        List<ElfWriter.Sym> syms = new ArrayList<>();
        Map<String, Integer> symIndex = new HashMap<>();
        syms.add(ElfWriter.Sym.section(kstr.index()));
        symIndex.put(".kpatch.strtab", syms.size());
        syms.add(ElfWriter.Sym.section(ktext.index()));
        symIndex.put(".kpatch.text", syms.size());
        syms.add(ElfWriter.Sym.section(text.index()));
        symIndex.put(".text", syms.size());
        syms.add(ElfWriter.Sym.section(data.index()));
        symIndex.put(".data", syms.size());
        long pos = 0;
        for (Changed c : changed) {
            if (!c.viaSectionSymbol()) {
                syms.add(ElfWriter.Sym.func(c.name(), c.offset(), c.dlen(), text.index()));
                symIndex.put(c.name(), syms.size());
            }
            syms.add(ElfWriter.Sym.func(c.name() + ".kpatch", pos, c.slen(), ktext.index()));
            symIndex.put(c.name() + ".kpatch", syms.size());
            pos += c.slen();
        }
        for (Added a : added) {
            syms.add(ElfWriter.Sym.func(a.name(), pos, a.slen(), ktext.index()));
            symIndex.put(a.name(), syms.size());
            pos += a.slen();
        }
        for (String imp : imports) {
            syms.add(ElfWriter.Sym.undef(imp, imp.startsWith("stderr") || imp.startsWith("stdout") ? 1 : 2));
            symIndex.put(imp, syms.size());
        }
        for (ElfWriter.Sym s : extraSymbols) {
            syms.add(s);
            symIndex.put(s.name(), syms.size());
        }
        ElfWriter.Sec symtab = w.symtab(syms);

        long abs64 = machine == ElfWriter.EM_AARCH64 ? R_AARCH64_ABS64 : R_X86_64_64;
        List<ElfWriter.Rel> infoRels = new ArrayList<>();
        i = 0;
        for (Changed c : changed) {
            if (c.viaSectionSymbol()) {
                infoRels.add(new ElfWriter.Rel(48L * i, symIndex.get(".text"), abs64, c.offset()));
            } else {
                infoRels.add(new ElfWriter.Rel(48L * i, symIndex.get(c.name()), abs64, 0));
            }
            infoRels.add(new ElfWriter.Rel(48L * i + 8, symIndex.get(c.name() + ".kpatch"), abs64, 0));
            infoRels.add(new ElfWriter.Rel(48L * i + 24, symIndex.get(".kpatch.strtab"), abs64,
                    strOff.get(c.name() + ".kpatch")));
            i++;
        }
        for (Added a : added) {
            infoRels.add(new ElfWriter.Rel(48L * i + 8, symIndex.get(a.name()), abs64, 0));
            infoRels.add(new ElfWriter.Rel(48L * i + 24, symIndex.get(".kpatch.strtab"), abs64, strOff.get(a.name())));
            i++;
        }
        if (!textRelocs.isEmpty()) {
            List<ElfWriter.Rel> rels = new ArrayList<>();
            for (TextReloc r : textRelocs) {
                Integer si = symIndex.get(r.symbol());
                if (si == null) {
                    throw new IllegalArgumentException("no symbol " + r.symbol());
                }
                rels.add(new ElfWriter.Rel(r.offset(), si, r.type(), r.addend()));
            }
            w.rela(".rela.kpatch.text", ktext, symtab, rels);
        }
        w.rela(".rela.kpatch.info", kinfo, symtab, infoRels);
        return w.build();
    }
}
