package org.kpaudit.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small linked x86_64 "vmlinux": functions in {@code .text}, exports as
 * {@code __ksymtab_<name>} symbols, and an ftrace table between {@code __start_mcount_loc} and
 * {@code __stop_mcount_loc} in {@code .init.data} (how a linked kernel records its ftrace call
 * sites, klp-format.md section 5).
 */
public final class VmlinuxWriter {

    public static final long TEXT = 0xffffffff81000000L;
    public static final long INIT_DATA = 0xffffffff82000000L;

    private record Fn(String name, boolean global, Long site) {
    }

    private final List<Fn> fns = new ArrayList<>();
    private final List<String> exports = new ArrayList<>();
    private boolean mcount = true;

    /** A 64-byte local function; {@code site} is the offset of its ftrace call site, or null for none. */
    public VmlinuxWriter function(String name, Long site) {
        fns.add(new Fn(name, false, site));
        return this;
    }

    /** A global function with an ftrace site at +0, exported. */
    public VmlinuxWriter exported(String name) {
        fns.add(new Fn(name, true, 0L));
        exports.add(name);
        return this;
    }

    /** Whether to write the __start/__stop_mcount_loc symbols. */
    public VmlinuxWriter mcount(boolean b) {
        mcount = b;
        return this;
    }

    /** Address of the i-th function added. */
    public static long address(int i) {
        return TEXT + 0x100 + i * 0x40L;
    }

    public byte[] build() {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_EXEC, ElfWriter.EM_X86_64);
        ElfWriter.Sec t = w.section(".text", ElfWriter.SHT_PROGBITS, 0x6, TEXT, new byte[0x100 + fns.size() * 0x40]);
        List<Long> sites = new ArrayList<>();
        for (int i = 0; i < fns.size(); i++) {
            if (fns.get(i).site() != null) {
                sites.add(address(i) + fns.get(i).site());
            }
        }
        long[] table = new long[sites.size() + 2];
        for (int i = 0; i < sites.size(); i++) {
            table[i + 1] = sites.get(i);
        }
        ElfWriter.Sec d = w.section(".init.data", ElfWriter.SHT_PROGBITS, 0x3, INIT_DATA, ElfWriter.u64s(table));
        ElfWriter.Sec r = w.section(".rodata", ElfWriter.SHT_PROGBITS, 0x2, INIT_DATA + 0x100000,
                new byte[Math.max(1, exports.size() * 12)]);
        List<ElfWriter.Sym> syms = new ArrayList<>();
        for (int i = 0; i < fns.size(); i++) {
            if (!fns.get(i).global()) {
                syms.add(new ElfWriter.Sym(fns.get(i).name(), address(i), 0x40, 2, 0, t.index()));
            }
        }
        for (int i = 0; i < fns.size(); i++) {
            if (fns.get(i).global()) {
                syms.add(new ElfWriter.Sym(fns.get(i).name(), address(i), 0x40, 2, 1, t.index()));
            }
        }
        for (int i = 0; i < exports.size(); i++) {
            syms.add(new ElfWriter.Sym("__ksymtab_" + exports.get(i), INIT_DATA + 0x100000 + i * 12L, 12, 1, 1,
                    r.index()));
        }
        syms.add(new ElfWriter.Sym(mcount ? "__start_mcount_loc" : "start_x", INIT_DATA + 8, 0, 0, 1, d.index()));
        syms.add(new ElfWriter.Sym(mcount ? "__stop_mcount_loc" : "stop_x", INIT_DATA + 8 + sites.size() * 8L, 0, 0, 1,
                d.index()));
        w.symtab(syms);
        return w.build();
    }
}
