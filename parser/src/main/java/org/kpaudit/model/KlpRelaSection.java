package org.kpaudit.model;

import java.util.List;

/**
 * A livepatch relocation section: named {@code .klp.rela.<object>.<section>} or flagged
 * SHF_RELA_LIVEPATCH.
 *
 * <p>The kernel reads only the object name, with {@code sscanf(name, ".klp.rela.%55[^.]", ...)}
 * ({@code kernel/livepatch/core.c klp_write_section_relocs()}); the target section comes from
 * sh_info. {@link #objectName} here is the whole run of characters up to the next {@code .}, so
 * a checker can see a name the kernel would truncate.
 *
 * @param section the section header
 * @param prefixed true when the name starts with {@code .klp.rela.}
 * @param objectName the object name in the section name, or {@code null} when there is none
 * @param targetSuffix what follows {@code .klp.rela.<object>.} (by convention the target
 *     section's name), or {@code null} when nothing follows the object name
 * @param target the section sh_info names, or {@code null} when out of range
 * @param entries the relocations with their symbols, in order (empty when the section is not
 *     SHT_RELA or holds no entries)
 */
public record KlpRelaSection(
        Section section,
        boolean prefixed,
        String objectName,
        String targetSuffix,
        Section target,
        List<Entry> entries) {

    public static final String PREFIX = ".klp.rela.";

    public KlpRelaSection {
        entries = List.copyOf(entries);
    }

    /**
     * One relocation of the section.
     *
     * @param relocation the entry
     * @param symbol the symbol it references, or {@code null} when the index is out of range
     * @param symbolName the symbol's name parsed as a livepatch symbol name
     */
    public record Entry(Relocation relocation, Symbol symbol, KlpSymbolName symbolName) {
    }

    public boolean isVmlinux() {
        return KlpObject.VMLINUX.equals(objectName);
    }

    /** Splits a section name the way the kernel does; {@code [objectName, suffix]}, either may be null. */
    public static String[] splitName(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return new String[] {null, null};
        }
        int p = PREFIX.length();
        int dot = name.indexOf('.', p);
        String obj = dot < 0 ? name.substring(p) : name.substring(p, dot);
        String rest = dot < 0 ? null : name.substring(dot + 1);
        return new String[] {obj.isEmpty() ? null : obj, rest};
    }
}
