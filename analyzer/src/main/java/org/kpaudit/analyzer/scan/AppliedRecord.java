package org.kpaudit.analyzer.scan;

import org.kpaudit.model.RuntimeInfoRecord;

/**
 * One info record of an applied patch, with what the process shows about it.
 *
 * @param address where the record is in the process
 * @param raw the record (absolute daddr/saddr)
 * @param name the name its symstr points to ({@code foo.kpatch}), or null when unreadable
 * @param function the function it is about ({@code name} without {@code .kpatch})
 * @param entry the bytes now at daddr (empty when not readable)
 * @param entryFileOffset where those bytes are in the core file (-1 for a live process)
 * @param entryProblem why the entry could not be read, or null
 * @param entryTarget where the entry jumps, or null when it is not a jump kpaudit decodes
 * @param expectedJump the jump libcare writes at daddr to reach saddr
 * @param saved the bytes saved in the undo area (HUNK_SIZE), empty when not readable
 * @param savedAddress where the saved bytes are
 * @param savedFileOffset where they are in the core file (-1 for a live process)
 * @param savedTarget where the saved bytes jump (relative to daddr), or null when not a jump
 * @param state what the record does now
 */
public record AppliedRecord(
        long address,
        RuntimeInfoRecord raw,
        String name,
        String function,
        byte[] entry,
        long entryFileOffset,
        String entryProblem,
        Long entryTarget,
        byte[] expectedJump,
        byte[] saved,
        long savedAddress,
        long savedFileOffset,
        Long savedTarget,
        RecordState state) {

    public AppliedRecord {
        entry = entry.clone();
        expectedJump = expectedJump.clone();
        saved = saved.clone();
    }

    @Override
    public byte[] entry() {
        return entry.clone();
    }

    @Override
    public byte[] expectedJump() {
        return expectedJump.clone();
    }

    @Override
    public byte[] saved() {
        return saved.clone();
    }

    public int index() {
        return raw.index();
    }

    public boolean isNew() {
        return raw.isNew();
    }

    AppliedRecord withState(RecordState s) {
        return new AppliedRecord(address, raw, name, function, entry, entryFileOffset, entryProblem, entryTarget,
                expectedJump, saved, savedAddress, savedFileOffset, savedTarget, s);
    }
}
