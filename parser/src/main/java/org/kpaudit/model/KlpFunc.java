package org.kpaudit.model;

import java.util.Map;

/**
 * One patched function ({@code struct klp_func}, or a {@code .kpatch.funcs} entry).
 *
 * @param oldName the function to replace ({@code null} when the pointer is NULL or unreadable;
 *     see {@code unknown})
 * @param oldSympos its position among same-named symbols of the object (0 = must be unique)
 * @param newFunc the replacement function, or {@code null} when the pointer is NULL
 * @param fileOffset where the entry is in the file (-1 when in a NOBITS section)
 * @param section the section holding the entry
 * @param sectionOffset its offset in that section
 * @param oldAddress for kpatch modules: the original function's address in the target's symbol
 *     table ({@code null} for static klp structs)
 * @param oldSize for kpatch modules: the original function's size, else {@code null}
 * @param newSize for kpatch modules: the new function's size, else {@code null}
 * @param unknown fields whose value the file does not give, with the reason
 */
public record KlpFunc(
        String oldName,
        long oldSympos,
        PointerTarget newFunc,
        long fileOffset,
        String section,
        long sectionOffset,
        Long oldAddress,
        Long oldSize,
        Long newSize,
        Map<String, String> unknown) {

    public KlpFunc {
        unknown = Map.copyOf(unknown);
    }
}
