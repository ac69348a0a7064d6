package org.kpaudit.model;

/**
 * One {@code struct kpatch_info} record as a patched process holds it: relocated, with absolute
 * addresses (kpatch-format.md section 2 and 7.2).
 *
 * @param index record number
 * @param daddr the original function's entry (0 for a new function)
 * @param saddr the new code
 * @param dlen size of the original function
 * @param slen size of the new code
 * @param symstr address of the record's name (in the region's copy of {@code .kpatch.strtab})
 */
public record RuntimeInfoRecord(int index, long daddr, long saddr, long dlen, long slen, long symstr, long vaddr,
        long flags) {

    /** A new function: daddr == 0 and dlen == 0 (is_new_func()). */
    public boolean isNew() {
        return daddr == 0 && dlen == 0;
    }
}
