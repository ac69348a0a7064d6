package org.kpaudit.model;

/** What a file is, decided from its content (never from its name). */
public enum FileKind {
    /** ELF executable (ET_EXEC). */
    ELF_EXECUTABLE,
    /** ELF shared object or position-independent executable (ET_DYN). */
    ELF_SHARED_OBJECT,
    /** ELF relocatable object (ET_REL) that is not a kernel module. */
    ELF_RELOCATABLE,
    /** ELF core dump (ET_CORE). */
    ELF_CORE,
    /** ELF of another type (ET_NONE or OS/processor specific). */
    ELF_OTHER,
    /** Kernel module (ET_REL with a {@code .modinfo} section) that is not a livepatch. */
    KERNEL_MODULE,
    /** Kernel livepatch module ({@code .modinfo} has the {@code livepatch} key). */
    LIVEPATCH_MODULE,
    /** LibCare / LibcarePlus patch (magic {@code KPATCH1\0}). */
    KPATCH,
    /** An archive kpaudit can read members from (tar, zip, cpio, ar; possibly compressed). */
    ARCHIVE,
    /** Anything else. */
    UNKNOWN;

    public boolean isElf() {
        return switch (this) {
            case ELF_EXECUTABLE, ELF_SHARED_OBJECT, ELF_RELOCATABLE, ELF_CORE, ELF_OTHER, KERNEL_MODULE,
                    LIVEPATCH_MODULE -> true;
            default -> false;
        };
    }
}
