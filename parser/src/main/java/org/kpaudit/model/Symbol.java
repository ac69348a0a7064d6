package org.kpaudit.model;

/**
 * One symbol table entry.
 *
 * @param index index in its table
 * @param name the name (for STT_SECTION symbols with no name of their own: the section's name);
 *     {@code null} when it cannot be read
 * @param shndx the raw st_shndx (0 undefined, 0xfff1 ABS, 0xfff2 COMMON, 0xff20 SHN_LIVEPATCH)
 * @param section the resolved section index (st_shndx, or the SHT_SYMTAB_SHNDX entry when
 *     st_shndx is SHN_XINDEX); equals {@code shndx} for special indexes
 * @param version the symbol version from {@code .gnu.version} for {@code .dynsym} entries
 *     (for example {@code GLIBC_2.2.5}), else {@code null}
 * @param versionHidden bit 15 of the version index (the version is not the default one)
 * @param versionDefined true when the version comes from the object's own {@code .gnu.version_d}
 */
public record Symbol(
        SymbolTableKind table,
        int index,
        String name,
        long nameOffset,
        long value,
        long size,
        Code type,
        Code bind,
        Code visibility,
        int shndx,
        long section,
        String version,
        boolean versionHidden,
        boolean versionDefined) {

    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_LIVEPATCH = 0xff20;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    public boolean isUndefined() {
        return shndx == SHN_UNDEF;
    }

    /** Defined in a real section of the object (not undefined, ABS, COMMON or another special index). */
    public boolean isDefinedInSection() {
        return shndx != SHN_UNDEF && (shndx < SHN_LORESERVE || shndx == SHN_XINDEX);
    }

    public boolean isGlobalOrWeak() {
        return bind.is("GLOBAL") || bind.is("WEAK") || bind.is("GNU_UNIQUE");
    }
}
