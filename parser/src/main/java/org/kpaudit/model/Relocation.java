package org.kpaudit.model;

/**
 * One REL or RELA entry, with r_info split.
 *
 * @param index index in its section
 * @param fileOffset where the entry is in the file
 * @param offset r_offset
 * @param symbolIndex ELF*_R_SYM(r_info)
 * @param type ELF*_R_TYPE(r_info), named for the file's machine
 * @param addend r_addend, or {@code null} for a REL entry
 * @param symbolName the name of the symbol (section name for a section symbol), or {@code null}
 *     for symbol 0 or an index out of range
 */
public record Relocation(
        int index,
        long fileOffset,
        long offset,
        long info,
        long symbolIndex,
        Code type,
        Long addend,
        String symbolName) {

    public long addendOrZero() {
        return addend == null ? 0 : addend;
    }
}
