package org.kpaudit.model;

/**
 * A relocation section: SHT_REL, SHT_RELA or SHT_RELR.
 *
 * @param symbolTable sh_link: the section index of the symbol table the entries refer to (0 for RELR)
 * @param target sh_info: the section index the entries patch (0 for dynamic relocations)
 * @param count number of entries in the section (sh_size / sh_entsize); for RELR these are
 *     address and bitmap words, which {@link ElfFile#relocations} expands to one relocation per
 *     address
 */
public record RelocationSection(Section section, Format format, long symbolTable, long target, long count) {

    /** The entry format. */
    public enum Format {
        /** Elf_Rel: offset, info. */
        REL,
        /** Elf_Rela: offset, info, addend. */
        RELA,
        /** Elf_Relr: packed relative relocations (address words and bitmaps). */
        RELR
    }

    public boolean rela() {
        return format == Format.RELA;
    }
}
