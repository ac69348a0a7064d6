package org.kpaudit.parser;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kpaudit.formats.LinuxLivepatch;
import org.kpaudit.model.Code;
import org.kpaudit.model.KlpCallbacks;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KpatchSections;
import org.kpaudit.model.PointerTarget;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.Section;

/**
 * Reads what kpatch-build leaves in a module (klp-format.md §4.4, §4.5): {@code .kpatch.funcs},
 * {@code .kpatch.dynrelas}, {@code .kpatch.symbols}, {@code .kpatch.relocations} and
 * {@code .kpatch.callbacks.*}, each an array of fixed-size records whose pointers are relocations.
 */
final class KpatchSectionReader {

    static final int FUNC_SIZE = 56;
    static final int DYNRELA_SIZE = 64;
    static final int SYMBOL_SIZE = 40;
    static final int RELOCATION_SIZE = 40;
    static final int CALLBACK_SIZE = 16;
    static final String[] CALLBACK_KINDS = {"pre_patch", "post_patch", "pre_unpatch", "post_unpatch"};

    private final ModuleData d;
    private final String file;
    private final List<Problem> warnings;

    KpatchSectionReader(ModuleData d, String file, List<Problem> warnings) {
        this.d = d;
        this.file = file;
        this.warnings = warnings;
    }

    /** True when the module has any {@code .kpatch.*} section kpaudit decodes. */
    boolean present() {
        return d.elf().sections().stream().anyMatch(s -> s.name() != null && (s.name().equals(".kpatch.funcs")
                || s.name().equals(".kpatch.dynrelas") || s.name().equals(".kpatch.symbols")
                || s.name().equals(".kpatch.relocations") || s.name().startsWith(".kpatch.callbacks.")));
    }

    KpatchSections read() {
        List<KpatchSections.Func> funcs = new ArrayList<>();
        forEach(".kpatch.funcs", FUNC_SIZE, (sec, i, off, b) -> {
            LinuxLivepatch.KpatchPatchFunc r = new LinuxLivepatch.KpatchPatchFunc(new ByteBufferKaitaiStream(b));
            funcs.add(new KpatchSections.Func(i, ModuleData.fileOffset(sec, off), pointer(sec, off), r.newSize(),
                    r.oldAddr(), r.oldSize(), r.sympos(), string(sec, off + 40), string(sec, off + 48)));
        });
        List<KpatchSections.Dynrela> dynrelas = new ArrayList<>();
        forEach(".kpatch.dynrelas", DYNRELA_SIZE, (sec, i, off, b) -> {
            LinuxLivepatch.KpatchPatchDynrela r = new LinuxLivepatch.KpatchPatchDynrela(new ByteBufferKaitaiStream(b));
            dynrelas.add(new KpatchSections.Dynrela(i, ModuleData.fileOffset(sec, off), pointer(sec, off), r.src(),
                    relocType(r.type()), r.sympos(), string(sec, off + 32), string(sec, off + 40), r.external(),
                    r.addend()));
        });
        List<KpatchSections.SymbolRecord> symbols = new ArrayList<>();
        forEach(".kpatch.symbols", SYMBOL_SIZE, (sec, i, off, b) -> {
            LinuxLivepatch.KpatchSymbol r = new LinuxLivepatch.KpatchSymbol(new ByteBufferKaitaiStream(b));
            symbols.add(new KpatchSections.SymbolRecord(i, ModuleData.fileOffset(sec, off), r.src(), r.sympos(),
                    bind(r.bind()), type(r.symType()), string(sec, off + 24), string(sec, off + 32)));
        });
        List<KpatchSections.RelocationRecord> relocations = new ArrayList<>();
        forEach(".kpatch.relocations", RELOCATION_SIZE, (sec, i, off, b) -> {
            LinuxLivepatch.KpatchRelocation r = new LinuxLivepatch.KpatchRelocation(new ByteBufferKaitaiStream(b));
            int ksym = -1;
            Optional<ModuleData.Resolved> k = d.pointer(sec.index(), off + 32);
            if (k.isPresent() && k.get().defined() && ".kpatch.symbols".equals(k.get().section().name())
                    && k.get().offset() % SYMBOL_SIZE == 0) {
                ksym = (int) (k.get().offset() / SYMBOL_SIZE);
            }
            relocations.add(new KpatchSections.RelocationRecord(i, ModuleData.fileOffset(sec, off), pointer(sec, off),
                    relocType(r.type()), r.external(), r.addend(), string(sec, off + 24), ksym));
        });
        List<KpatchSections.Callback> callbacks = new ArrayList<>();
        for (String kind : CALLBACK_KINDS) {
            Optional<Section> s = d.elf().section(".kpatch.callbacks." + kind);
            if (s.isEmpty()) {
                continue;
            }
            Section sec = s.get();
            // kpatch.lds.S pads each section with a zero quad: stop at the first entry without a callback
            for (int i = 0; (long) (i + 1) * CALLBACK_SIZE <= sec.size() && i < KlpRecovery.MAX_ENTRIES; i++) {
                long off = (long) i * CALLBACK_SIZE;
                if (d.relocationAt(sec.index(), off) == null) {
                    break;
                }
                callbacks.add(new KpatchSections.Callback(kind, i, ModuleData.fileOffset(sec, off), pointer(sec, off),
                        string(sec, off + 8)));
            }
        }
        String checksum = d.elf().section(".kpatch.checksum").map(s -> d.cString(s, 0)).orElse(null);
        return new KpatchSections(funcs, dynrelas, symbols, relocations, callbacks, checksum);
    }

    /** The patch kpatch's patch_init() builds at run time from {@code .kpatch.funcs} and the callbacks. */
    static KlpPatch patchOf(KpatchSections k) {
        Map<String, List<KlpFunc>> funcsByObject = new LinkedHashMap<>();
        Map<String, KlpCallbacks> callbacks = new LinkedHashMap<>();
        Map<String, Long> firstOffset = new LinkedHashMap<>();
        for (KpatchSections.Func f : k.funcs()) {
            String obj = f.objectName() == null ? "?" : f.objectName();
            Map<String, String> unknown = new LinkedHashMap<>();
            if (f.name() == null) {
                unknown.put("old_name", "the name pointer of .kpatch.funcs entry " + f.index() + " cannot be read");
            }
            funcsByObject.computeIfAbsent(obj, o -> new ArrayList<>()).add(new KlpFunc(f.name(), f.sympos(),
                    f.newFunc(), f.fileOffset(), ".kpatch.funcs", (long) f.index() * FUNC_SIZE, f.oldAddr(),
                    f.oldSize(), f.newSize(), unknown));
            firstOffset.putIfAbsent(obj, f.fileOffset());
        }
        for (KpatchSections.Callback c : k.callbacks()) {
            String obj = c.objectName() == null ? "?" : c.objectName();
            funcsByObject.computeIfAbsent(obj, o -> new ArrayList<>());
            firstOffset.putIfAbsent(obj, c.fileOffset());
            callbacks.put(obj, callbacks.getOrDefault(obj, KlpCallbacks.NONE).with(c.kind(), c.callback()));
        }
        List<KlpObject> objects = new ArrayList<>();
        for (Map.Entry<String, List<KlpFunc>> e : funcsByObject.entrySet()) {
            String name = KlpObject.VMLINUX.equals(e.getKey()) ? null : e.getKey();
            Map<String, String> unknown = new LinkedHashMap<>();
            if ("?".equals(e.getKey())) {
                unknown.put("name", "the objname pointer cannot be read");
            }
            objects.add(new KlpObject(name, firstOffset.getOrDefault(e.getKey(), -1L), null, 0, e.getValue(), false,
                    callbacks.getOrDefault(e.getKey(), KlpCallbacks.NONE), unknown));
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        unknown.put("replace", "kpatch-built module: patch_init() allocates the klp_patch at run time and sets replace"
                + " from a constant in its code (KLP_REPLACE_ENABLE: true unless kpatch-build ran with -R /"
                + " --non-replace); the file's data does not record it");
        return new KlpPatch(KlpPatch.Origin.KPATCH_FUNCS, "entries of .kpatch.funcs (patch built by patch_init() at"
                + " run time)", null, 0, -1, null, null, List.of(), objects, null, null, null, null, unknown);
    }

    @FunctionalInterface
    private interface Entry {
        void read(Section sec, int index, long offset, byte[] bytes);
    }

    private void forEach(String name, int size, Entry e) {
        Optional<Section> s = d.elf().section(name);
        if (s.isEmpty()) {
            return;
        }
        Section sec = s.get();
        if (sec.size() % size != 0) {
            warnings.add(new Problem(file, ModuleData.fileOffset(sec, 0), name + " is " + sec.size()
                    + " bytes, not a multiple of its " + size + "-byte records; the last "
                    + (sec.size() % size) + " bytes are ignored"));
        }
        long n = Math.min(sec.size() / size, KlpRecovery.MAX_ENTRIES);
        for (int i = 0; i < n; i++) {
            long off = (long) i * size;
            byte[] b = d.bytes(sec, off, size);
            if (b == null) {
                warnings.add(new Problem(file, sec.offset(), name + " contents lie outside the file"));
                return;
            }
            e.read(sec, i, off, b);
        }
    }

    private PointerTarget pointer(Section sec, long off) {
        return d.pointer(sec.index(), off).map(d::target).orElse(null);
    }

    private String string(Section sec, long off) {
        Relocation r = d.relocationAt(sec.index(), off);
        if (!d.isAbs64(r)) {
            return null;
        }
        return d.resolve(r).filter(ModuleData.Resolved::defined).map(t -> d.cString(t.section(), t.offset()))
                .orElse(null);
    }

    private Code relocType(long v) {
        return new Code(v, KaitaiElfBackend.relocTypeName(d.elf().header().machine().value(), v));
    }

    private static Code bind(int v) {
        return new Code(v, switch (v) {
            case 0 -> "LOCAL";
            case 1 -> "GLOBAL";
            case 2 -> "WEAK";
            default -> null;
        });
    }

    private static Code type(int v) {
        return new Code(v, switch (v) {
            case 0 -> "NOTYPE";
            case 1 -> "OBJECT";
            case 2 -> "FUNC";
            case 3 -> "SECTION";
            case 4 -> "FILE";
            default -> null;
        });
    }
}
