package org.kpaudit.model;

import java.util.List;

/**
 * What kpatch-build put in a module: {@code .kpatch.funcs} and, where present, the dynamic
 * relocations of the legacy kpatch.ko format, the intermediate symbol and relocation records,
 * and the callbacks.
 *
 * @param funcs {@code .kpatch.funcs} entries
 * @param dynrelas {@code .kpatch.dynrelas} entries (legacy kpatch.ko modules)
 * @param symbols {@code .kpatch.symbols} entries (create-diff-object output)
 * @param relocations {@code .kpatch.relocations} entries (create-diff-object output)
 * @param callbacks {@code .kpatch.callbacks.*} entries
 * @param checksum the text of {@code .kpatch.checksum} (legacy), or {@code null}
 */
public record KpatchSections(
        List<Func> funcs,
        List<Dynrela> dynrelas,
        List<SymbolRecord> symbols,
        List<RelocationRecord> relocations,
        List<Callback> callbacks,
        String checksum) {

    public KpatchSections {
        funcs = List.copyOf(funcs);
        dynrelas = List.copyOf(dynrelas);
        symbols = List.copyOf(symbols);
        relocations = List.copyOf(relocations);
        callbacks = List.copyOf(callbacks);
    }

    /** {@code struct kpatch_patch_func}. */
    public record Func(int index, long fileOffset, PointerTarget newFunc, long newSize, long oldAddr, long oldSize,
            long sympos, String name, String objectName) {
    }

    /** {@code struct kpatch_patch_dynrela}. */
    public record Dynrela(int index, long fileOffset, PointerTarget dest, long src, Code type, long sympos, String name,
            String objectName, int external, long addend) {
    }

    /** {@code struct kpatch_symbol}. */
    public record SymbolRecord(int index, long fileOffset, long src, long sympos, Code bind, Code type, String name,
            String objectName) {
    }

    /**
     * {@code struct kpatch_relocation}.
     *
     * @param symbolIndex index of the referenced entry of {@code .kpatch.symbols}, or -1
     */
    public record RelocationRecord(int index, long fileOffset, PointerTarget dest, Code type, int external, long addend,
            String objectName, int symbolIndex) {
    }

    /**
     * One {@code .kpatch.callbacks.<kind>} entry.
     *
     * @param kind {@code pre_patch}, {@code post_patch}, {@code pre_unpatch} or {@code post_unpatch}
     */
    public record Callback(String kind, int index, long fileOffset, PointerTarget callback, String objectName) {
    }
}
