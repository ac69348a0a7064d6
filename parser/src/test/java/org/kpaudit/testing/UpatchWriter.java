package org.kpaudit.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a SysCare upatch object as upatch-diff and upatch-build lay it out (upatch-format.md
 * sections 1-3): one {@code .text.<name>} per new function, {@code .upatch.funcs} with 48-byte
 * entries, {@code .rela.upatch.funcs} with R_X86_64_64 at +0 (new function) and +40 (section
 * symbol of {@code .upatch.strings}, addend = the name's offset), {@code .upatch.strings}, the
 * target's build-id note, and symbols resolved to the target as SHN_LIVEPATCH.
 */
public final class UpatchWriter {

    /** One changed function. */
    public record Func(String name, long newSize, long oldAddr, long oldSize, long sympos) {
    }

    private final List<Func> funcs = new ArrayList<>();
    private String buildId = "2f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";
    private boolean swapStrings;
    private int dropRelocations;

    public UpatchWriter func(String name, long newSize, long oldAddr, long oldSize, long sympos) {
        funcs.add(new Func(name, newSize, oldAddr, oldSize, sympos));
        return this;
    }

    public UpatchWriter buildId(String hex) {
        this.buildId = hex;
        return this;
    }

    /** Writes {@code .upatch.strings} in reverse order (the relocations still point at the right names). */
    public UpatchWriter swapStrings() {
        this.swapStrings = true;
        return this;
    }

    /** Leaves out the last {@code n} relocations of the table. */
    public UpatchWriter dropRelocations(int n) {
        this.dropRelocations = n;
        return this;
    }

    public byte[] build() {
        ElfWriter w = ElfWriter.rel64();
        List<ElfWriter.Sec> texts = new ArrayList<>();
        for (Func f : funcs) {
            texts.add(w.section(".text." + f.name(), ElfWriter.SHT_PROGBITS, 6, 0, new byte[(int) f.newSize()]));
        }
        // .upatch.strings, in order or reversed
        List<Func> order = new ArrayList<>(funcs);
        if (swapStrings) {
            java.util.Collections.reverse(order);
        }
        java.io.ByteArrayOutputStream strs = new java.io.ByteArrayOutputStream();
        long[] nameAt = new long[funcs.size()];
        for (Func f : order) {
            nameAt[funcs.indexOf(f)] = strs.size();
            strs.writeBytes(f.name().getBytes(StandardCharsets.US_ASCII));
            strs.write(0);
        }
        ElfWriter.Sec strings = w.section(".upatch.strings", ElfWriter.SHT_PROGBITS, 2, 0, strs.toByteArray());
        ByteBuffer t = ByteBuffer.allocate(48 * funcs.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Func f : funcs) {
            t.putLong(0).putLong(f.newSize()).putLong(f.oldAddr()).putLong(f.oldSize()).putLong(f.sympos()).putLong(0);
        }
        ElfWriter.Sec table = w.section(".upatch.funcs", ElfWriter.SHT_PROGBITS, 2, 0, t.array());
        w.note(".note.gnu.build-id", "GNU", 3, HexFormat.of().parseHex(buildId));
        List<ElfWriter.Sym> syms = new ArrayList<>();
        syms.add(ElfWriter.Sym.section(strings.index()));                      // symbol 1
        for (int i = 0; i < funcs.size(); i++) {
            syms.add(ElfWriter.Sym.func(funcs.get(i).name(), 0, funcs.get(i).newSize(), texts.get(i).index()));
        }
        syms.add(new ElfWriter.Sym("target_helper", 0x1234, 0, 2, 1, 0xff20));  // resolved to the target
        syms.add(ElfWriter.Sym.undef("printf", 2));                              // resolved at load time
        ElfWriter.Sec symtab = w.symtab(syms);
        List<ElfWriter.Rel> rels = new ArrayList<>();
        for (int i = 0; i < funcs.size(); i++) {
            rels.add(new ElfWriter.Rel(48L * i, 2 + i, 1, 0));
            rels.add(new ElfWriter.Rel(48L * i + 40, 1, 1, nameAt[i]));
        }
        w.rela(".rela.upatch.funcs", table, symtab, rels.subList(0, Math.max(0, rels.size() - dropRelocations)));
        return w.build();
    }
}
