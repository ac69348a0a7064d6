package org.kpaudit.model;

/**
 * The ELF file header, with extended numbering already resolved.
 *
 * @param elfClass 32 or 64
 * @param identVersion EI_VERSION
 * @param shnum the raw e_shnum (0 when extended numbering is used)
 * @param shstrndx the raw e_shstrndx (0xffff = SHN_XINDEX when extended numbering is used)
 * @param phnum the raw e_phnum (0xffff = PN_XNUM when extended numbering is used)
 * @param sectionCount the real number of section headers
 * @param sectionNameIndex the real index of the section name string table
 * @param programHeaderCount the real number of program headers
 */
public record ElfHeader(
        int elfClass,
        Endian endian,
        int identVersion,
        Code osAbi,
        int abiVersion,
        Code type,
        Code machine,
        long version,
        long entry,
        long phoff,
        long shoff,
        long flags,
        int ehsize,
        int phentsize,
        int phnum,
        int shentsize,
        int shnum,
        int shstrndx,
        long sectionCount,
        long sectionNameIndex,
        long programHeaderCount) {

    public boolean is64() {
        return elfClass == 64;
    }
}
