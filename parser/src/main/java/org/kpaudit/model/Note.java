package org.kpaudit.model;

import java.util.HexFormat;

/**
 * One ELF note.
 *
 * @param owner the name (without its NUL), e.g. {@code GNU}, {@code CORE}, {@code LINUX}
 * @param type n_type, named for its owner when known ({@code GNU_BUILD_ID}, {@code PRSTATUS})
 * @param descOffset file offset of the descriptor
 * @param descSize descriptor size
 * @param source the section name or {@code PT_NOTE[i]} the note was read from
 */
public record Note(String owner, Code type, long descOffset, long descSize, byte[] desc, String source) {

    public Note {
        desc = desc.clone();
    }

    @Override
    public byte[] desc() {
        return desc.clone();
    }

    public String descHex() {
        return HexFormat.of().formatHex(desc);
    }
}
