package org.kpaudit.model;

/**
 * One {@code .kpatch.info} record, resolved through {@code .rela.kpatch.info}.
 *
 * @param index record number
 * @param fileOffset offset of the record in the {@code .kpatch} file
 * @param kind CHANGED (replaces an original function) or NEW (daddr == 0 and dlen == 0)
 * @param name the name the record points to in {@code .kpatch.strtab} ({@code foo.kpatch} for
 *     a changed function, the plain name for a new one); null when it cannot be resolved
 * @param function the function this record is about: {@code name} without its {@code .kpatch}
 *     suffix for a changed function, {@code name} for a new one
 * @param original where the original function is (null for a new function or when daddr has
 *     no relocation)
 * @param replacement where the new code is (null when saddr has no relocation)
 * @param dlen size of the original function (literal in the record)
 * @param slen size of the new code (literal in the record)
 * @param rawDaddr the u64 stored in the record (link-time value; never to be trusted)
 */
public record InfoRecord(
        int index,
        long fileOffset,
        Kind kind,
        String name,
        String function,
        SymbolRef original,
        SymbolRef replacement,
        long dlen,
        long slen,
        long flags,
        long rawDaddr,
        long rawSaddr,
        long rawSymstr,
        long vaddr,
        long symstrOffset) {

    /** What a record does. */
    public enum Kind {
        /** Replaces an existing function: its entry gets a jump to the new code. */
        CHANGED,
        /** Adds a function; nothing in the target is overwritten. */
        NEW
    }

    public boolean isNew() {
        return kind == Kind.NEW;
    }
}
