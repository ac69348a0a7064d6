package org.kpaudit.model;

/**
 * The header layouts of {@code .kpatch} files (kpatch-format.md section 1). All share the magic
 * {@code KPATCH1\0}; they differ in size and field offsets.
 */
public enum LayoutVersion {
    /** Upstream LibCare and libcareplus 0.1.4: 688 bytes, build-id in {@code uname[256]}, no id. */
    V0(688),
    /** Development layout (Dec 2020): V0 plus {@code id[8]}, 696 bytes. */
    V1(696),
    /** Development layout (Mar 2021): {@code buildid[41]}, 504 bytes. */
    V2(504),
    /** Development layout (Aug 2021): adds {@code elf_offset}, 496 bytes. */
    V3(496),
    /** Current layout (libcareplus 1.0.0 and later): adds {@code kpatch_total_mem_sz}, 504 bytes. */
    V4(504);

    private final int headerSize;

    LayoutVersion(int headerSize) {
        this.headerSize = headerSize;
    }

    /** sizeof(struct kpatch_file) in this layout. */
    public int headerSize() {
        return headerSize;
    }

    public boolean hasId() {
        return this != V0;
    }

    public boolean hasElfOffset() {
        return this == V3 || this == V4;
    }

    public boolean hasTotalMemSize() {
        return this == V4;
    }
}
