package org.kpaudit.model;

import java.util.List;

/**
 * The jump table {@code libcare-ctl} builds in a patch region for the patch's imports
 * (struct kpatch_jmp_table): a 16-byte header, then entries of {instruction, address}.
 *
 * @param size the header's size field
 * @param curEntry entries in use (the entries read)
 * @param maxEntry entries allocated
 * @param entries the entries in use
 */
public record JumpTable(long size, long curEntry, long maxEntry, List<Entry> entries) {

    public JumpTable {
        entries = List.copyOf(entries);
    }

    /**
     * One entry: {@code insn} is the 8-byte instruction word (x86_64 0x90900000000225ff =
     * {@code jmp *[rip+2]; nop; nop}, aarch64 0xd61f022058000051 = {@code ldr x17, #8; br x17}),
     * {@code address} the import's real address (it also serves as its GOT slot).
     */
    public record Entry(int index, long insn, long address) {
    }
}
