package org.kpaudit.model;

import java.util.List;
import java.util.Map;

/**
 * The {@code struct klp_patch} of a livepatch module, recovered from the file.
 *
 * @param origin where the description comes from
 * @param foundBy how the root struct was located (for static data), or which section was read
 * @param section the section holding the root struct ({@code null} for kpatch modules)
 * @param sectionOffset its offset in that section
 * @param fileOffset its offset in the file (-1 when unknown)
 * @param symbol the symbol naming the root struct ({@code pa_patch}), or {@code null}
 * @param replace the {@code replace} flag (cumulative patch), or {@code null} when unknown
 *     (see {@code unknown})
 * @param states the declared system states ({@code null} when unknown)
 * @param objects the patched objects, in array order
 * @param funcStride bytes between {@code klp_func} entries, or {@code null} when not needed/known
 * @param funcStrideBasis how {@code funcStride} was derived
 * @param objectStride bytes between {@code klp_object} entries, or {@code null}
 * @param objectStrideBasis how {@code objectStride} was derived
 * @param unknown fields whose value the file does not give, with the reason
 */
public record KlpPatch(
        Origin origin,
        String foundBy,
        String section,
        long sectionOffset,
        long fileOffset,
        String symbol,
        Boolean replace,
        List<KlpState> states,
        List<KlpObject> objects,
        Long funcStride,
        String funcStrideBasis,
        Long objectStride,
        String objectStrideBasis,
        Map<String, String> unknown) {

    /** Where a patch description comes from. */
    public enum Origin {
        /** Statically initialised klp structs in the module's data, decoded through relocations. */
        STATIC_DATA,
        /** kpatch-build's {@code .kpatch.funcs} (the klp structs are allocated at run time). */
        KPATCH_FUNCS
    }

    public KlpPatch {
        states = states == null ? null : List.copyOf(states);
        objects = List.copyOf(objects);
        unknown = Map.copyOf(unknown);
    }

    /** True when the patch is known to be cumulative (atomic replace). */
    public boolean cumulative() {
        return Boolean.TRUE.equals(replace);
    }

    /** Every function of every object, in order. */
    public List<KlpFunc> allFuncs() {
        return objects.stream().flatMap(o -> o.funcs().stream()).toList();
    }
}
