package org.kpaudit.model;

/** One program header. All numbers are unsigned. {@code flags}: PF_X 1, PF_W 2, PF_R 4. */
public record Segment(
        int index,
        Code type,
        long flags,
        long offset,
        long vaddr,
        long paddr,
        long filesz,
        long memsz,
        long align) {

    public static final long PF_X = 1;
    public static final long PF_W = 2;
    public static final long PF_R = 4;

    /** True when {@code address} lies in [vaddr, vaddr + memsz). */
    public boolean containsAddress(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, memsz) < 0;
    }
}
