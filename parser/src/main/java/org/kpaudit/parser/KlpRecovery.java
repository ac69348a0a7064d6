package org.kpaudit.parser;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.kpaudit.formats.LinuxLivepatch;
import org.kpaudit.model.KlpCallbacks;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.PointerTarget;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

/**
 * Recovers a statically initialised {@code klp_patch} and everything it points to from a
 * relocatable module (klp-format.md §2.3): pointer fields are relocations, plain fields are
 * section bytes, array strides come from the array symbol's size or the spacing of the
 * entries' relocations, never from one kernel version's struct sizes alone.
 */
final class KlpRecovery {

    /** Bytes of the statically initialised prefix of each struct (klp-format.md §2.1). */
    static final int FUNC_PREFIX = 24;
    static final int OBJECT_PREFIX = 48;
    static final int PATCH_PREFIX = 25;
    static final int STATE_SIZE = 24;

    private static final long[] FUNC_POINTERS = {0, 8};
    private static final long[] OBJECT_POINTERS = {0, 8, 16, 24, 32, 40};
    private static final long[] IDENTITY = {0, 8};
    private static final String[] CALLBACKS = {"pre_patch", "post_patch", "pre_unpatch", "post_unpatch"};

    /**
     * Struct sizes measured on Debian 6.1 and 6.12 x86_64 (klp-format.md §2.1), used only to find
     * the terminator of a one-entry array that has no sized symbol; with a wrong guess the
     * terminator test lands in the entry's zero run-time fields, which gives the same answer.
     */
    static final long ASSUMED_FUNC_STRIDE = 152;
    static final long ASSUMED_OBJECT_STRIDE = 168;

    static final int MAX_ENTRIES = 65536;
    private static final long MAX_STRIDE = 1 << 16;

    private final ModuleData d;
    private final String file;
    private final List<Problem> warnings;

    KlpRecovery(ModuleData d, String file, List<Problem> warnings) {
        this.d = d;
        this.file = file;
        this.warnings = warnings;
    }

    /** A place where a {@code klp_patch} may start, and how it was found. */
    record Candidate(long section, long offset, String foundBy) {
    }

    /** The decoded patch, or why no candidate decoded. */
    record Result(KlpPatch patch, String reason) {
    }

    private static final class Failure extends RuntimeException {
        Failure(String m) {
            super(m, null, false, false);
        }
    }

    Result recover() {
        if (!d.supported()) {
            return new Result(null, "klp structs are decoded for 64-bit little-endian modules of x86_64, aarch64,"
                    + " ppc64le, riscv64 and loongarch64 only; this is " + d.elf().header().machine().name()
                    + " ELF" + d.elf().header().elfClass() + " " + d.elf().header().endian());
        }
        List<Candidate> candidates = candidates();
        if (candidates.isEmpty()) {
            return new Result(null, "no static klp_patch: no R_X86_64_64 relocation to __this_module followed by an"
                    + " objs pointer, and no argument of a call to klp_enable_patch in the module's code");
        }
        KlpPatch found = null;
        List<String> failures = new ArrayList<>();
        for (Candidate c : candidates) {
            try {
                KlpPatch p = decodePatch(c);
                if (found == null) {
                    found = p;
                } else if (found.sectionOffset() != p.sectionOffset() || !eq(found.section(), p.section())) {
                    warnings.add(new Problem(file, p.fileOffset(), "another klp_patch candidate at " + p.section()
                            + "+0x" + Long.toHexString(p.sectionOffset()) + " (" + c.foundBy() + ") also decodes;"
                            + " the one at " + found.section() + "+0x" + Long.toHexString(found.sectionOffset())
                            + " is reported"));
                }
            } catch (Failure f) {
                failures.add(where(c) + " (" + c.foundBy() + "): " + f.getMessage());
            }
        }
        if (found == null) {
            return new Result(null, "no candidate decodes as a klp_patch: " + String.join("; ", failures));
        }
        return new Result(found, null);
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private String where(Candidate c) {
        return d.section(c.section()).map(Section::name).orElse("[" + c.section() + "]") + "+0x"
                + Long.toHexString(c.offset());
    }

    // ------------------------------------------------------------------ finding the root

    List<Candidate> candidates() {
        Map<String, Candidate> byPlace = new LinkedHashMap<>();
        List<Candidate> code = codeCandidates();
        List<Candidate> data = dataCandidates();
        for (Candidate c : code) {
            byPlace.putIfAbsent(c.section() + ":" + c.offset(), c);
        }
        for (Candidate c : data) {
            String key = c.section() + ":" + c.offset();
            Candidate prev = byPlace.get(key);
            if (prev != null) {
                byPlace.put(key, new Candidate(c.section(), c.offset(), prev.foundBy() + ", and " + c.foundBy()));
            } else {
                byPlace.put(key, c);
            }
        }
        List<Candidate> out = new ArrayList<>(byPlace.values());
        // both patterns first, then the klp_enable_patch argument, then data patterns; stable by place
        out.sort(Comparator.comparingInt((Candidate c) -> c.foundBy().contains(", and ") ? 0
                : c.foundBy().startsWith("argument") ? 1 : 2).thenComparingLong(Candidate::section)
                .thenComparingLong(Candidate::offset));
        return out;
    }

    /** A relocation to {@code __this_module} followed, 8 bytes on, by another pointer (mod, objs). */
    private List<Candidate> dataCandidates() {
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<Long, NavigableMap<Long, Relocation>> e : d.allRelocations().entrySet()) {
            for (Relocation r : e.getValue().values()) {
                if (!d.isAbs64(r) || !"__this_module".equals(symbolName(r))) {
                    continue;
                }
                Relocation next = e.getValue().get(r.offset() + 8);
                if (d.isAbs64(next)) {
                    out.add(new Candidate(e.getKey(), r.offset(), "pointer to __this_module followed by objs"));
                }
            }
        }
        return out;
    }

    private String symbolName(Relocation r) {
        return d.symbol(r.symbolIndex()).filter(s -> !s.type().is("SECTION")).map(Symbol::name).orElse(null);
    }

    /**
     * The address loaded right before a call to {@code klp_enable_patch}: x86_64
     * {@code mov $imm32,%rdi} (R_X86_64_32S) or {@code lea x(%rip),%rdi} (R_X86_64_PC32), aarch64
     * {@code adrp/add} (R_AARCH64_ADD_ABS_LO12_NC).
     */
    private List<Candidate> codeCandidates() {
        List<Candidate> out = new ArrayList<>();
        for (RelocationSection rs : d.elf().relocationSections()) {
            Section target = d.section(rs.target()).orElse(null);
            if (target == null || !target.hasFlag(Section.SHF_EXECINSTR) || !rs.rela()) {
                continue;
            }
            List<Relocation> list;
            try {
                list = new ArrayList<>(d.elf().relocations(rs));
            } catch (org.kpaudit.model.MalformedFileException e) {
                warnings.add(e.problem());
                continue;
            }
            list.sort(Comparator.comparingLong(Relocation::offset));
            for (int i = 0; i < list.size(); i++) {
                if (!"klp_enable_patch".equals(symbolName(list.get(i)))) {
                    continue;
                }
                long call = list.get(i).offset();
                for (int j = i - 1; j >= 0 && call - list.get(j).offset() <= 16; j--) {
                    Relocation a = list.get(j);
                    String t = a.type().name();
                    long extra;
                    if ("R_X86_64_32S".equals(t) || "R_X86_64_32".equals(t) || "R_X86_64_64".equals(t)
                            || "R_AARCH64_ADD_ABS_LO12_NC".equals(t)) {
                        extra = 0;
                    } else if ("R_X86_64_PC32".equals(t)) {
                        extra = 4;
                    } else {
                        continue;
                    }
                    Optional<ModuleData.Resolved> r = d.resolve(a, extra);
                    if (r.isPresent() && r.get().defined() && !r.get().section().hasFlag(Section.SHF_EXECINSTR)) {
                        out.add(new Candidate(r.get().section().index(), r.get().offset(),
                                "argument of klp_enable_patch in " + target.name()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ decoding

    private KlpPatch decodePatch(Candidate c) {
        Section sec = d.section(c.section()).orElseThrow(() -> new Failure("no such section"));
        Relocation mod = d.relocationAt(sec.index(), c.offset());
        if (!d.isAbs64(mod) || !"__this_module".equals(symbolName(mod))) {
            throw new Failure("mod is not a pointer to __this_module");
        }
        ModuleData.Resolved objs = d.pointer(sec.index(), c.offset() + 8).orElseThrow(
                () -> new Failure("objs is NULL"));
        if (!objs.defined() || objs.section().hasFlag(Section.SHF_EXECINSTR)) {
            throw new Failure("objs does not point into the module's data");
        }
        byte[] b = d.bytes(sec, c.offset(), PATCH_PREFIX);
        if (b == null) {
            throw new Failure("the " + PATCH_PREFIX + " bytes of klp_patch's fields do not fit in " + sec.name());
        }
        LinuxLivepatch.KlpPatchExt raw = new LinuxLivepatch.KlpPatchExt(new ByteBufferKaitaiStream(b));
        Map<String, String> unknown = new LinkedHashMap<>();
        ArrayResult<KlpObject> objects = decodeObjects(objs.section(), objs.offset());
        if (objects.entries().isEmpty()) {
            throw new Failure("objs at " + objs.section().name() + "+0x" + Long.toHexString(objs.offset())
                    + " holds no klp_object");
        }
        List<KlpState> states = List.of();
        Relocation statesRel = d.relocationAt(sec.index(), c.offset() + 16);
        if (statesRel != null) {
            Optional<ModuleData.Resolved> st = d.isAbs64(statesRel) ? d.resolve(statesRel) : Optional.empty();
            if (st.isPresent() && st.get().defined()) {
                states = decodeStates(st.get().section(), st.get().offset());
            } else {
                states = null;
                unknown.put("states", "the states pointer is a " + statesRel.type().name()
                        + " relocation that does not point into the module");
            }
        } else if (raw.states() != 0) {
            states = null;
            unknown.put("states", "the states pointer holds 0x" + Long.toHexString(raw.states())
                    + " without a relocation");
        }
        String funcBasis = null;
        Long funcStride = null;
        for (Stride s : objects.funcStrides()) {
            if (funcStride == null) {
                funcStride = s.value();
                funcBasis = s.basis();
            } else if (funcStride != s.value()) {
                warnings.add(new Problem(file, -1, "klp_func arrays of one patch have different strides ("
                        + funcStride + " and " + s.value() + ")"));
            }
        }
        Symbol sym = d.namedAt(sec.index(), c.offset());
        return new KlpPatch(KlpPatch.Origin.STATIC_DATA, c.foundBy(), sec.name(), c.offset(),
                ModuleData.fileOffset(sec, c.offset()), sym == null ? null : sym.name(), raw.replace(), states,
                objects.entries(), funcStride, funcBasis, objects.stride().value(), objects.stride().basis(), unknown);
    }

    /** Entries of an array, its stride, and the strides of the funcs arrays inside (for objects). */
    private record ArrayResult<T>(List<T> entries, Stride stride, List<Stride> funcStrides) {
    }

    record Stride(long value, String basis) {
    }

    private ArrayResult<KlpObject> decodeObjects(Section sec, long base) {
        Stride stride = stride(sec, base, OBJECT_PREFIX, OBJECT_POINTERS, ASSUMED_OBJECT_STRIDE, "klp_object");
        List<KlpObject> out = new ArrayList<>();
        List<Stride> funcStrides = new ArrayList<>();
        Symbol sym = d.objectAt(sec.index(), base);
        for (int k = 0; k < MAX_ENTRIES; k++) {
            long off = base + k * stride.value();
            if (pastArray(sym, base, off, OBJECT_PREFIX, "klp_object")) {
                break;
            }
            byte[] b = d.bytes(sec, off, OBJECT_PREFIX);
            if (b == null) {
                warnings.add(new Problem(file, ModuleData.fileOffset(sec, base), "klp_object array at " + sec.name()
                        + "+0x" + Long.toHexString(base) + " runs past the end of the section without a terminator"));
                break;
            }
            boolean hasName = d.relocationAt(sec.index(), off) != null;
            boolean hasFuncs = d.relocationAt(sec.index(), off + 8) != null;
            if (!hasName && !hasFuncs) {
                break;
            }
            Map<String, String> unknown = new LinkedHashMap<>();
            String name = hasName ? string(sec, off, "name", unknown) : null;
            List<KlpFunc> funcs = List.of();
            boolean funcsNull = !hasFuncs;
            if (hasFuncs) {
                Optional<ModuleData.Resolved> f = d.pointer(sec.index(), off + 8);
                if (f.isPresent() && f.get().defined()) {
                    ArrayResult<KlpFunc> fr = decodeFuncs(f.get().section(), f.get().offset());
                    funcs = fr.entries();
                    funcStrides.add(fr.stride());
                } else {
                    unknown.put("funcs", "the funcs pointer does not point into the module's data");
                }
            }
            KlpCallbacks cb = KlpCallbacks.NONE;
            for (int i = 0; i < CALLBACKS.length; i++) {
                PointerTarget t = pointerField(sec, off + 16 + 8L * i, CALLBACKS[i], unknown);
                if (t != null) {
                    cb = cb.with(CALLBACKS[i], t);
                }
            }
            out.add(new KlpObject(name, ModuleData.fileOffset(sec, off), sec.name(), off, funcs, funcsNull, cb, unknown));
        }
        return new ArrayResult<>(out, stride, funcStrides);
    }

    private ArrayResult<KlpFunc> decodeFuncs(Section sec, long base) {
        Stride stride = stride(sec, base, FUNC_PREFIX, FUNC_POINTERS, ASSUMED_FUNC_STRIDE, "klp_func");
        List<KlpFunc> out = new ArrayList<>();
        Symbol sym = d.objectAt(sec.index(), base);
        for (int k = 0; k < MAX_ENTRIES; k++) {
            long off = base + k * stride.value();
            if (pastArray(sym, base, off, FUNC_PREFIX, "klp_func")) {
                break;
            }
            byte[] b = d.bytes(sec, off, FUNC_PREFIX);
            if (b == null) {
                warnings.add(new Problem(file, ModuleData.fileOffset(sec, base), "klp_func array at " + sec.name()
                        + "+0x" + Long.toHexString(base) + " runs past the end of the section without a terminator"));
                break;
            }
            LinuxLivepatch.KlpFuncExt raw = new LinuxLivepatch.KlpFuncExt(new ByteBufferKaitaiStream(b));
            boolean hasName = d.relocationAt(sec.index(), off) != null;
            boolean hasNew = d.relocationAt(sec.index(), off + 8) != null;
            if (!hasName && !hasNew && raw.oldSympos() == 0) {
                break;
            }
            Map<String, String> unknown = new LinkedHashMap<>();
            String oldName = hasName ? string(sec, off, "old_name", unknown) : null;
            PointerTarget nf = pointerField(sec, off + 8, "new_func", unknown);
            out.add(new KlpFunc(oldName, raw.oldSympos(), nf, ModuleData.fileOffset(sec, off), sec.name(), off, null,
                    null, null, unknown));
        }
        return new ArrayResult<>(out, stride, List.of());
    }

    private List<KlpState> decodeStates(Section sec, long base) {
        List<KlpState> out = new ArrayList<>();
        Symbol sym = d.objectAt(sec.index(), base);
        if (sym != null && sym.size() % STATE_SIZE != 0) {
            warnings.add(new Problem(file, ModuleData.fileOffset(sec, base), "klp_state array " + sym.name() + " is "
                    + sym.size() + " bytes, not a multiple of sizeof(struct klp_state) (" + STATE_SIZE + ")"));
        }
        for (int k = 0; k < MAX_ENTRIES; k++) {
            long off = base + (long) k * STATE_SIZE;
            if (pastArray(sym, base, off, STATE_SIZE, "klp_state")) {
                break;
            }
            byte[] b = d.bytes(sec, off, STATE_SIZE);
            if (b == null) {
                warnings.add(new Problem(file, ModuleData.fileOffset(sec, base), "klp_state array at " + sec.name()
                        + "+0x" + Long.toHexString(base) + " runs past the end of the section without a terminator"));
                break;
            }
            LinuxLivepatch.KlpState raw = new LinuxLivepatch.KlpState(new ByteBufferKaitaiStream(b));
            if (raw.id() == 0) {
                break;
            }
            out.add(new KlpState(raw.id(), raw.version(), ModuleData.fileOffset(sec, off)));
        }
        return out;
    }

    /** True (with a warning) when an entry would start past the end of the array's symbol. */
    private boolean pastArray(Symbol sym, long base, long off, int prefix, String what) {
        if (sym == null || Long.compareUnsigned(off + prefix, base + sym.size()) <= 0) {
            return false;
        }
        warnings.add(new Problem(file, -1, what + " array " + sym.name() + " (" + sym.size()
                + " bytes) has no terminating entry"));
        return true;
    }

    /**
     * The target of a pointer field filled by a 64-bit absolute relocation; empty when the field is
     * NULL (no relocation) or unreadable, in which case {@code unknown} records why.
     */
    private Optional<ModuleData.Resolved> pointer(Section sec, long off, String field, Map<String, String> unknown) {
        Relocation r = d.relocationAt(sec.index(), off);
        if (r == null) {
            return Optional.empty();
        }
        if (!d.isAbs64(r)) {
            unknown.put(field, "the pointer's relocation is " + r.type().name() + ", not a 64-bit absolute one");
            return Optional.empty();
        }
        Optional<ModuleData.Resolved> t = d.resolve(r);
        if (t.isEmpty()) {
            unknown.put(field, "the pointer's relocation names symbol " + r.symbolIndex() + ", out of range");
        }
        return t;
    }

    /** The string a pointer field points to; records why in {@code unknown} when it cannot be read. */
    private String string(Section sec, long off, String field, Map<String, String> unknown) {
        Optional<ModuleData.Resolved> t = pointer(sec, off, field, unknown);
        if (t.isEmpty()) {
            return null;
        }
        if (!t.get().defined()) {
            unknown.put(field, "points to " + t.get().symbol().name() + ", which is not defined in the module");
            return null;
        }
        String s = d.cString(t.get().section(), t.get().offset());
        if (s == null) {
            unknown.put(field, "points to " + t.get().section().name() + "+0x" + Long.toHexString(t.get().offset())
                    + ", outside that section");
        }
        return s;
    }

    /** A code pointer field, or null when NULL; records why in {@code unknown} when unreadable. */
    private PointerTarget pointerField(Section sec, long off, String field, Map<String, String> unknown) {
        return pointer(sec, off, field, unknown).map(d::target).orElse(null);
    }

    // ------------------------------------------------------------------ strides

    /**
     * The distance between entries of an array at {@code (sec, base)}: first from the size of an
     * object symbol starting there (the stride for which every relocation in it falls on a pointer
     * field, every entry but the last has one, and the last has none), then from the spacing of
     * the entries' relocations, else the size measured on Debian 6.1/6.12.
     */
    Stride stride(Section sec, long base, int prefix, long[] pointerFields, long assumed, String what) {
        long minStride = (prefix + 7) & ~7L;
        Symbol sym = d.objectAt(sec.index(), base);
        if (sym != null && Long.compareUnsigned(sym.size(), sec.size()) <= 0) {
            long size = sym.size();
            NavigableMap<Long, Relocation> in = d.relocations(sec.index(), base, base + size);
            List<Long> fits = new ArrayList<>();
            for (long s = minStride; s <= size / 2 && s <= MAX_STRIDE; s += 8) {
                if (size % s == 0 && fits(in, base, s, size / s - 1, pointerFields)) {
                    fits.add(s);
                }
            }
            if (!fits.isEmpty()) {
                long best = fits.get(0);
                for (long s : fits) {
                    if (Math.abs(s - assumed) < Math.abs(best - assumed)) {
                        best = s;
                    }
                }
                String basis = "size of " + sym.name() + " (" + size + " bytes) = " + (size / best) + " x " + best;
                if (fits.size() > 1) {
                    basis += "; " + fits + " all fit, the one nearest " + assumed + " is used";
                }
                return new Stride(best, basis);
            }
        }
        // spacing: the first relocation after entry 0's fields starts entry 1
        NavigableMap<Long, Relocation> after = d.relocations(sec.index(), base + prefix,
                Math.min(sec.size(), base + MAX_STRIDE));
        if (!after.isEmpty()) {
            long s = after.firstKey() - base;
            long limit = Math.min(sec.size(), base + MAX_ENTRIES * s);
            if (s >= minStride && s % 8 == 0) {
                NavigableMap<Long, Relocation> all = d.relocations(sec.index(), base, limit);
                long n = 1;
                while (n < MAX_ENTRIES && base + (n + 1) * s <= sec.size() && hasIdentity(all, base + n * s)) {
                    n++;
                }
                if (n >= 2 && base + (n + 1) * s <= sec.size()
                        && fits(all.headMap(base + (n + 1) * s, false), base, s, n, pointerFields)) {
                    return new Stride(s, "spacing of the entries' relocations (" + s + " bytes)");
                }
            }
        }
        return new Stride(assumed, "assumed " + assumed + " (sizeof(struct " + what + ") on Debian 6.1 and 6.12"
                + " x86_64): no sized array symbol and no second entry");
    }

    private boolean hasIdentity(NavigableMap<Long, Relocation> m, long entry) {
        for (long f : IDENTITY) {
            if (m.containsKey(entry + f)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code n} entries of stride {@code s} and a terminator explain every relocation in {@code in}. */
    private boolean fits(NavigableMap<Long, Relocation> in, long base, long s, long n, long[] pointerFields) {
        if (n < 1) {
            return false;
        }
        java.util.BitSet seen = new java.util.BitSet();
        for (long o : in.keySet()) {
            long rel = o - base;
            long k = rel / s;
            long f = rel % s;
            if (k >= n || !contains(pointerFields, f)) {
                return false;
            }
            if (contains(IDENTITY, f)) {
                seen.set((int) k);
            }
        }
        return seen.cardinality() == n;
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
