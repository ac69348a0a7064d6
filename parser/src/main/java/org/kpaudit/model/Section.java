package org.kpaudit.model;

/**
 * One section header. All numbers are unsigned.
 *
 * @param name the section name, or {@code null} when it cannot be read
 * @param compression the compression header of a SHF_COMPRESSED section, else {@code null}
 */
public record Section(
        int index,
        String name,
        long nameOffset,
        Code type,
        long flags,
        long addr,
        long offset,
        long size,
        long link,
        long info,
        long addralign,
        long entsize,
        Compression compression) {

    /** SHF_WRITE. */
    public static final long SHF_WRITE = 0x1;
    /** SHF_ALLOC. */
    public static final long SHF_ALLOC = 0x2;
    /** SHF_EXECINSTR. */
    public static final long SHF_EXECINSTR = 0x4;
    /** SHF_MERGE. */
    public static final long SHF_MERGE = 0x10;
    /** SHF_STRINGS. */
    public static final long SHF_STRINGS = 0x20;
    /** SHF_INFO_LINK. */
    public static final long SHF_INFO_LINK = 0x40;
    /** SHF_LINK_ORDER. */
    public static final long SHF_LINK_ORDER = 0x80;
    /** SHF_OS_NONCONFORMING. */
    public static final long SHF_OS_NONCONFORMING = 0x100;
    /** SHF_GROUP. */
    public static final long SHF_GROUP = 0x200;
    /** SHF_TLS. */
    public static final long SHF_TLS = 0x400;
    /** SHF_COMPRESSED. */
    public static final long SHF_COMPRESSED = 0x800;
    /** SHF_RELA_LIVEPATCH (Linux). */
    public static final long SHF_RELA_LIVEPATCH = 0x00100000;
    /** SHF_EXCLUDE. */
    public static final long SHF_EXCLUDE = 0x80000000L;

    /** Compression header of a SHF_COMPRESSED section. */
    public record Compression(Code type, long uncompressedSize, long alignment, int headerSize) {
    }

    /** True when the section occupies bytes in the file (not NULL, not NOBITS). */
    public boolean hasFileData() {
        return !type.is("NOBITS") && !type.is("NULL");
    }

    public boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    public boolean isNamed(String wanted) {
        return name != null && name.equals(wanted);
    }
}
