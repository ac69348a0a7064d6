package org.kpaudit.model;

/**
 * A range of virtual addresses [start, end). Addresses are unsigned 64-bit numbers.
 */
public record AddressRange(long start, long end) {

    public long length() {
        return end - start;
    }

    /** True when {@code address} lies in [start, end) (unsigned). */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
