package org.kpaudit.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes synthetic x86_64 livepatch modules ({@code .ko}) the way kbuild lays out a hand-written
 * livepatch (klp-format.md §2.1 and §2.3, checked against samples/klp): static klp structs in
 * {@code .data} whose pointers are {@code R_X86_64_64} relocations, {@code init_module} passing
 * {@code &patch} to {@code klp_enable_patch}, strings in {@code .rodata.str1.1}, {@code .modinfo},
 * {@code __this_module}; optionally {@code .klp.rela.*} sections with {@code .klp.sym.*}
 * symbols, or kpatch-build's {@code .kpatch.funcs} instead of static structs.
 *
 * <p>The struct offsets below are written from the notes' tables, independently of the parser.
 */
public final class KlpModuleBuilder {

    // x86_64 relocation types (psABI)
    public static final int R_X86_64_64 = 1;
    public static final int R_X86_64_PC32 = 2;
    public static final int R_X86_64_PLT32 = 4;
    public static final int R_X86_64_32S = 11;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_INFO_LINK = 0x40;
    public static final long SHF_RELA_LIVEPATCH = 0x00100000;
    public static final int SHN_LIVEPATCH = 0xff20;
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;

    /** One patched function. */
    public record Func(String oldName, long sympos, String newFunc) {
    }

    /** One patched object; {@code name == null} is vmlinux. */
    public static final class Obj {
        final String name;
        final List<Func> funcs = new ArrayList<>();
        final Map<String, String> callbacks = new LinkedHashMap<>();
        boolean funcsNull;

        Obj(String name) {
            this.name = name;
        }

        /** Adds a function replaced by a new function named {@code new_<oldName>}. */
        public Obj func(String oldName, long sympos) {
            funcs.add(new Func(oldName, sympos, "new_" + oldName.replace('.', '_')));
            return this;
        }

        /** Adds a function with any of its pointers left NULL (null names). */
        public Obj rawFunc(String oldName, long sympos, String newFunc) {
            funcs.add(new Func(oldName, sympos, newFunc));
            return this;
        }

        /** Leaves the object's funcs pointer NULL (give the object a name, or it is the terminator). */
        public Obj funcsNull() {
            funcsNull = true;
            return this;
        }

        /** Sets a callback: {@code pre_patch}, {@code post_patch}, {@code pre_unpatch}, {@code post_unpatch}. */
        public Obj callback(String kind) {
            callbacks.put(kind, "cb_" + (name == null ? "vmlinux" : name) + "_" + kind);
            return this;
        }
    }

    /** One relocation of a {@code .klp.rela} section, against a symbol of the given name and st_shndx. */
    public record KlpRel(String symbol, int shndx, int type) {
        public static KlpRel livepatch(String symbol) {
            return new KlpRel(symbol, SHN_LIVEPATCH, R_X86_64_PC32);
        }
    }

    /** A {@code .klp.rela} section; {@code info} = -1 targets the module's .text. */
    public static final class KlpRela {
        final String name;
        long flags = SHF_RELA_LIVEPATCH | SHF_INFO_LINK | SHF_ALLOC;
        int type = ElfWriter.SHT_RELA;
        long info = -1;
        String infoSection;
        final List<KlpRel> rels = new ArrayList<>();

        KlpRela(String name) {
            this.name = name;
        }

        public KlpRela flags(long f) {
            flags = f;
            return this;
        }

        public KlpRela info(long i) {
            info = i;
            return this;
        }

        /** sh_info = the index of the section with this name. */
        public KlpRela info(String sectionName) {
            infoSection = sectionName;
            return this;
        }

        /** Section type (SHT_RELA by default). */
        public KlpRela type(int t) {
            type = t;
            return this;
        }

        public KlpRela rel(KlpRel r) {
            rels.add(r);
            return this;
        }
    }

    private final String moduleName;
    private String vermagic = "6.12.117+deb12-amd64 SMP preempt mod_unload modversions ";
    private boolean livepatchKey = true;
    private boolean replace;
    private final List<long[]> states = new ArrayList<>();
    private final List<Obj> objects = new ArrayList<>();
    private int funcStride = 152;
    private int objectStride = 168;
    private boolean sizedArrays = true;
    private boolean initCall = true;
    private boolean kpatchStyle;
    private final List<String> undefined = new ArrayList<>();
    private final List<KlpRela> klpRelas = new ArrayList<>();
    private final List<String[]> extraModinfo = new ArrayList<>();
    private boolean decoy;

    public KlpModuleBuilder(String moduleName) {
        this.moduleName = moduleName;
    }

    public KlpModuleBuilder vermagic(String v) {
        vermagic = v;
        return this;
    }

    /** Whether {@code .modinfo} has {@code livepatch=Y}. */
    public KlpModuleBuilder livepatchKey(boolean b) {
        livepatchKey = b;
        return this;
    }

    public KlpModuleBuilder modinfo(String key, String value) {
        extraModinfo.add(new String[] {key, value});
        return this;
    }

    public KlpModuleBuilder replace(boolean r) {
        replace = r;
        return this;
    }

    public KlpModuleBuilder state(long id, long version) {
        states.add(new long[] {id, version});
        return this;
    }

    /** Adds an object ({@code null} = vmlinux) and returns it for its functions and callbacks. */
    public Obj object(String name) {
        Obj o = new Obj(name);
        objects.add(o);
        return o;
    }

    /** Array strides (sizeof klp_func / klp_object of the pretended kernel build). */
    public KlpModuleBuilder strides(int func, int object) {
        funcStride = func;
        objectStride = object;
        return this;
    }

    /** Whether the arrays get sized OBJECT symbols (a hand-written module has them). */
    public KlpModuleBuilder sizedArrays(boolean b) {
        sizedArrays = b;
        return this;
    }

    /** Whether init_module calls klp_enable_patch(&patch). */
    public KlpModuleBuilder initCall(boolean b) {
        initCall = b;
        return this;
    }

    /** Writes {@code .kpatch.funcs} (and callbacks) like kpatch-build instead of static klp structs. */
    public KlpModuleBuilder kpatchStyle(boolean b) {
        kpatchStyle = b;
        return this;
    }

    /**
     * Appends a {@code struct file_operations}-like decoy to {@code .data}: {@code .owner =
     * THIS_MODULE} followed by a function pointer, which looks like {@code klp_patch.mod, objs}.
     */
    public KlpModuleBuilder decoyOwnerStruct(boolean b) {
        decoy = b;
        return this;
    }

    /** A plain undefined global symbol the module uses (resolved by the module loader). */
    public KlpModuleBuilder undefined(String name) {
        undefined.add(name);
        return this;
    }

    public KlpRela klpRela(String sectionName) {
        KlpRela r = new KlpRela(sectionName);
        klpRelas.add(r);
        return r;
    }

    // ------------------------------------------------------------------ writing

    private static final class Strings {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        final Map<String, Integer> at = new LinkedHashMap<>();

        int add(String s) {
            return at.computeIfAbsent(s, k -> {
                int off = b.size();
                b.writeBytes(k.getBytes(StandardCharsets.UTF_8));
                b.write(0);
                return off;
            });
        }
    }

    /** Relocation against a named symbol or a section symbol, resolved to an index at the end. */
    private record PendingRel(long offset, String symbol, int type, long addend) {
    }

    public byte[] build() {
        ElfWriter w = ElfWriter.rel64();
        // .text: one 16-byte function per new function and callback
        Map<String, Integer> fnOffset = new LinkedHashMap<>();
        for (Obj o : objects) {
            for (Func f : o.funcs) {
                if (f.newFunc() != null) {
                    fnOffset.putIfAbsent(f.newFunc(), fnOffset.size() * 16);
                }
            }
            for (String cb : o.callbacks.values()) {
                fnOffset.putIfAbsent(cb, fnOffset.size() * 16);
            }
        }
        byte[] text = new byte[Math.max(16, fnOffset.size() * 16)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i % 16 == 0 ? 0xc3 : 0x90);
        }
        ElfWriter.Sec textSec = w.section(".text", ElfWriter.SHT_PROGBITS, 0x6, 0, text);
        textSec.align = 16;
        byte[] init = {0x48, (byte) 0xc7, (byte) 0xc7, 0, 0, 0, 0, (byte) 0xe8, 0, 0, 0, 0, (byte) 0xc3};
        ElfWriter.Sec initSec = w.section(".init.text", ElfWriter.SHT_PROGBITS, 0x6, 0, init);
        Strings str = new Strings();
        ElfWriter.Sec strSec;
        StringBuilder mi = new StringBuilder();
        mi.append("version=1.0\0license=GPL\0");
        if (livepatchKey) {
            mi.append("livepatch=Y\0");
        }
        for (String[] kv : extraModinfo) {
            mi.append(kv[0]).append('=').append(kv[1]).append('\0');
        }
        mi.append("depends=\0name=").append(moduleName).append("\0vermagic=").append(vermagic).append('\0');

        List<PendingRel> dataRels = new ArrayList<>();
        List<ElfWriter.Sym> localObjects = new ArrayList<>();
        ByteBuffer data;
        ElfWriter.Sec dataSec;
        ElfWriter.Sec kfuncs = null;
        List<PendingRel> kfuncRels = new ArrayList<>();
        Map<String, List<PendingRel>> cbRels = new LinkedHashMap<>();
        Map<String, ElfWriter.Sec> cbSecs = new LinkedHashMap<>();
        int patchOff = 0;
        if (!kpatchStyle) {
            int objsOff = 224;
            int cursor = objsOff + (objects.size() + 1) * objectStride;
            int[] funcsOff = new int[objects.size()];
            for (int i = 0; i < objects.size(); i++) {
                cursor = (cursor + 31) & ~31;
                funcsOff[i] = cursor;
                cursor += (objects.get(i).funcs.size() + 1) * funcStride;
            }
            cursor = (cursor + 31) & ~31;
            int statesOff = cursor;
            cursor += states.isEmpty() ? 0 : (states.size() + 1) * 24;
            if (decoy) {
                cursor = (cursor + 31) & ~31;
                dataRels.add(new PendingRel(cursor, "__this_module", R_X86_64_64, 0));
                dataRels.add(new PendingRel(cursor + 8, ".text", R_X86_64_64, 0));
                cursor += 16;
            }
            data = ByteBuffer.allocate(cursor).order(ByteOrder.LITTLE_ENDIAN);
            // struct klp_patch: mod +0, objs +8, states +16, replace +24; sizeof 200
            dataRels.add(new PendingRel(patchOff, "__this_module", R_X86_64_64, 0));
            dataRels.add(new PendingRel(patchOff + 8, ".data", R_X86_64_64, objsOff));
            if (!states.isEmpty()) {
                dataRels.add(new PendingRel(patchOff + 16, ".data", R_X86_64_64, statesOff));
            }
            data.put(patchOff + 24, (byte) (replace ? 1 : 0));
            localObjects.add(new ElfWriter.Sym(moduleName + "_patch", patchOff, 200, STT_OBJECT, STB_LOCAL, -1));
            localObjects.add(new ElfWriter.Sym(moduleName + "_objects", objsOff,
                    sizedArrays ? (long) (objects.size() + 1) * objectStride : 0, STT_OBJECT, STB_LOCAL, -1));
            for (int i = 0; i < objects.size(); i++) {
                Obj o = objects.get(i);
                int oo = objsOff + i * objectStride;
                // struct klp_object: name +0, funcs +8, callbacks +16 (pre_patch, post_patch, pre_unpatch, post_unpatch)
                if (o.name != null) {
                    dataRels.add(new PendingRel(oo, ".rodata.str1.1", R_X86_64_64, str.add(o.name)));
                }
                if (!o.funcsNull) {
                    dataRels.add(new PendingRel(oo + 8, ".data", R_X86_64_64, funcsOff[i]));
                }
                String[] kinds = {"pre_patch", "post_patch", "pre_unpatch", "post_unpatch"};
                for (int k = 0; k < kinds.length; k++) {
                    String cb = o.callbacks.get(kinds[k]);
                    if (cb != null) {
                        dataRels.add(new PendingRel(oo + 16 + 8 * k, ".text", R_X86_64_64, fnOffset.get(cb)));
                    }
                }
                localObjects.add(new ElfWriter.Sym(moduleName + "_funcs" + i, funcsOff[i],
                        sizedArrays ? (long) (o.funcs.size() + 1) * funcStride : 0, STT_OBJECT, STB_LOCAL, -1));
                for (int j = 0; j < o.funcs.size(); j++) {
                    Func f = o.funcs.get(j);
                    int fo = funcsOff[i] + j * funcStride;
                    // struct klp_func: old_name +0, new_func +8, old_sympos +16
                    if (f.oldName() != null) {
                        dataRels.add(new PendingRel(fo, ".rodata.str1.1", R_X86_64_64, str.add(f.oldName())));
                    }
                    if (f.newFunc() != null) {
                        dataRels.add(new PendingRel(fo + 8, ".text", R_X86_64_64, fnOffset.get(f.newFunc())));
                    }
                    data.putLong(fo + 16, f.sympos());
                }
            }
            if (!states.isEmpty()) {
                localObjects.add(new ElfWriter.Sym(moduleName + "_states", statesOff,
                        sizedArrays ? (long) (states.size() + 1) * 24 : 0, STT_OBJECT, STB_LOCAL, -1));
                for (int i = 0; i < states.size(); i++) {
                    // struct klp_state: id +0, version +8 (unsigned int), data +16
                    data.putLong(statesOff + i * 24, states.get(i)[0]);
                    data.putInt(statesOff + i * 24 + 8, (int) states.get(i)[1]);
                }
            }
            strSec = w.section(".rodata.str1.1", ElfWriter.SHT_PROGBITS, 0x32, 0, str.b.toByteArray());
            dataSec = w.section(".data", ElfWriter.SHT_PROGBITS, 0x3, 0x40, data.array());
            dataSec.align = 32;
        } else {
            // struct kpatch_patch_func (56 bytes): new_addr, new_size, old_addr, old_size, sympos, name, objname
            List<Func> all = new ArrayList<>();
            List<String> objOf = new ArrayList<>();
            for (Obj o : objects) {
                for (Func f : o.funcs) {
                    all.add(f);
                    objOf.add(o.name == null ? "vmlinux" : o.name);
                }
            }
            ByteBuffer kf = ByteBuffer.allocate(all.size() * 56).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < all.size(); i++) {
                Func f = all.get(i);
                int base = i * 56;
                kfuncRels.add(new PendingRel(base, ".text", R_X86_64_64, fnOffset.get(f.newFunc())));
                kf.putLong(base + 8, 16);
                kf.putLong(base + 16, 0xffffffff81000000L + i * 0x100L);
                kf.putLong(base + 24, 0x40);
                kf.putLong(base + 32, f.sympos());
                kfuncRels.add(new PendingRel(base + 40, ".kpatch.strings", R_X86_64_64, str.add(f.oldName())));
                kfuncRels.add(new PendingRel(base + 48, ".kpatch.strings", R_X86_64_64, str.add(objOf.get(i))));
            }
            for (Obj o : objects) {
                for (Map.Entry<String, String> cb : o.callbacks.entrySet()) {
                    String sec = ".kpatch.callbacks." + cb.getKey();
                    List<PendingRel> rl = cbRels.computeIfAbsent(sec, k -> new ArrayList<>());
                    int base = rl.size() / 2 * 16;
                    rl.add(new PendingRel(base, ".text", R_X86_64_64, fnOffset.get(cb.getValue())));
                    rl.add(new PendingRel(base + 8, ".kpatch.strings", R_X86_64_64,
                            str.add(o.name == null ? "vmlinux" : o.name)));
                }
            }
            strSec = w.section(".kpatch.strings", ElfWriter.SHT_PROGBITS, 0x2, 0, str.b.toByteArray());
            kfuncs = w.section(".kpatch.funcs", ElfWriter.SHT_PROGBITS, 0x2, 0, kf.array());
            kfuncs.align = 8;
            for (Map.Entry<String, List<PendingRel>> e : cbRels.entrySet()) {
                // entries, then the linker script's zero quad
                ElfWriter.Sec s = w.section(e.getKey(), ElfWriter.SHT_PROGBITS, 0x2, 0,
                        new byte[e.getValue().size() / 2 * 16 + 8]);
                s.align = 8;
                cbSecs.put(e.getKey(), s);
            }
            dataSec = w.section(".data", ElfWriter.SHT_PROGBITS, 0x3, 0, new byte[8]);
        }
        ElfWriter.Sec modinfo = w.section(".modinfo", ElfWriter.SHT_PROGBITS, 0x2, 0,
                mi.toString().getBytes(StandardCharsets.UTF_8));
        byte[] thisModule = new byte[0x500];
        byte[] nm = moduleName.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nm, 0, thisModule, 24, Math.min(55, nm.length));
        ElfWriter.Sec thisSec = w.section(".gnu.linkonce.this_module", ElfWriter.SHT_PROGBITS, 0x3, 0, thisModule);
        thisSec.align = 64;

        // symbols: locals first (section symbols, functions, arrays), then globals
        List<ElfWriter.Sym> syms = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<ElfWriter.Sec> secSyms = new ArrayList<>(List.of(textSec, initSec, strSec, dataSec));
        if (kfuncs != null) {
            secSyms.add(kfuncs);
        }
        secSyms.addAll(cbSecs.values());
        for (ElfWriter.Sec s : secSyms) {
            syms.add(ElfWriter.Sym.section(s.index()));
            index.put(s.name, syms.size());
        }
        for (Map.Entry<String, Integer> f : fnOffset.entrySet()) {
            syms.add(new ElfWriter.Sym(f.getKey(), f.getValue(), 16, STT_FUNC, STB_LOCAL, textSec.index()));
            index.put(f.getKey(), syms.size());
        }
        for (ElfWriter.Sym s : localObjects) {
            syms.add(new ElfWriter.Sym(s.name(), s.value(), s.size(), s.type(), s.bind(), dataSec.index()));
            index.put(s.name(), syms.size());
        }
        syms.add(new ElfWriter.Sym("__this_module", 0, 0x500, STT_OBJECT, STB_GLOBAL, thisSec.index()));
        index.put("__this_module", syms.size());
        syms.add(new ElfWriter.Sym("init_module", 0, init.length, STT_FUNC, STB_GLOBAL, initSec.index()));
        index.put("init_module", syms.size());
        List<String> und = new ArrayList<>();
        und.add("klp_enable_patch");
        und.addAll(undefined);
        for (String u : und) {
            if (!index.containsKey(u)) {
                syms.add(ElfWriter.Sym.undef(u, STT_NOTYPE));
                index.put(u, syms.size());
            }
        }
        for (KlpRela kr : klpRelas) {
            for (KlpRel r : kr.rels) {
                if (!index.containsKey(r.symbol())) {
                    syms.add(new ElfWriter.Sym(r.symbol(), 0, 0, STT_NOTYPE, STB_GLOBAL, r.shndx()));
                    index.put(r.symbol(), syms.size());
                }
            }
        }
        ElfWriter.Sec symtab = w.symtab(syms);

        if (!kpatchStyle) {
            w.rela(".rela.data", dataSec, symtab, rels(dataRels, index));
        } else {
            w.rela(".rela.kpatch.funcs", kfuncs, symtab, rels(kfuncRels, index));
            for (Map.Entry<String, List<PendingRel>> e : cbRels.entrySet()) {
                w.rela(".rela" + e.getKey(), cbSecs.get(e.getKey()), symtab, rels(e.getValue(), index));
            }
        }
        if (initCall && !kpatchStyle) {
            List<PendingRel> ir = List.of(new PendingRel(3, ".data", R_X86_64_32S, patchOff),
                    new PendingRel(8, "klp_enable_patch", R_X86_64_PLT32, -4));
            w.rela(".rela.init.text", initSec, symtab, rels(ir, index));
        }
        for (KlpRela kr : klpRelas) {
            List<PendingRel> pr = new ArrayList<>();
            for (int i = 0; i < kr.rels.size(); i++) {
                pr.add(new PendingRel(i * 4L, kr.rels.get(i).symbol(), kr.rels.get(i).type(), -4));
            }
            ElfWriter.Sec s = w.rela(kr.name, textSec, symtab, rels(pr, index));
            s.flags = kr.flags;
            s.type = kr.type;
            if (kr.info >= 0) {
                s.info = kr.info;
            }
            if (kr.infoSection != null) {
                s.info = w.sections().stream().filter(x -> kr.infoSection.equals(x.name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no section " + kr.infoSection)).index();
            }
        }
        modinfo.align = 1;
        return w.build();
    }

    private static List<ElfWriter.Rel> rels(List<PendingRel> pending, Map<String, Integer> index) {
        List<ElfWriter.Rel> out = new ArrayList<>();
        for (PendingRel p : pending) {
            Integer i = index.get(p.symbol());
            if (i == null) {
                throw new IllegalStateException("no symbol " + p.symbol());
            }
            out.add(new ElfWriter.Rel(p.offset(), i, p.type(), p.addend()));
        }
        return out;
    }
}
