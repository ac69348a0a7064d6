package org.kpaudit.model;

/** Byte order of an ELF file (EI_DATA). */
public enum Endian {
    LITTLE,
    BIG
}
