package org.kpaudit.analyzer.scan;

import java.util.List;
import org.kpaudit.model.Code;
import org.kpaudit.model.JumpTable;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.Mapping;

/**
 * An applied LibcarePlus patch found in a process image: a region that starts with
 * {@code KPATCH1\0} and whose header has its run-time fields filled in.
 *
 * @param address where the region starts (kpta)
 * @param size the region size (kpatch_total_mem_sz when the header has it, else the mappings)
 * @param fileOffset where the region starts in the core file (-1 for a live process)
 * @param mappings the mappings the region spans (one r-x, or r-x + rw-, or rwx)
 * @param header the in-memory header
 * @param machine e_machine of the region's ELF copy (or of the process when unreadable)
 * @param hunkSize bytes written at each function entry (5 on x86_64, 4 on aarch64)
 * @param elfAddress where the region's ELF copy starts
 * @param jumpTable the jump table, or null when the patch has none (jmp_offset 0)
 * @param importNames the import each jump table entry serves, by entry index, from the symbols of
 *     the region's ELF copy (whose st_value the loader set to the entry's address); empty when
 *     the copy cannot be read
 * @param records the info records, read up to the terminator
 * @param infoTerminated whether the terminator was found
 * @param object the mapped object whose build-id equals the header's (libcare's association), or null
 * @param patchedObject the mapped object the records' daddr point into, or null
 * @param disk the comparison with the file under {@code --patches}, or null
 * @param problems what could not be read or does not add up (not findings: facts missing)
 */
public record PatchRegion(
        long address,
        long size,
        long fileOffset,
        List<Mapping> mappings,
        KpatchHeader header,
        Code machine,
        int hunkSize,
        long elfAddress,
        JumpTable jumpTable,
        java.util.Map<Integer, String> importNames,
        List<AppliedRecord> records,
        boolean infoTerminated,
        LoadedObject object,
        LoadedObject patchedObject,
        DiskComparison disk,
        List<String> problems) {

    public PatchRegion {
        mappings = List.copyOf(mappings);
        importNames = java.util.Map.copyOf(importNames);
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    /** The patch id, or {@code region@0x...} for a layout without ids. */
    public String label() {
        String id = header.id();
        return id != null && !id.isEmpty() ? id : "region@0x" + Long.toHexString(address);
    }

    public boolean contains(long a) {
        return Long.compareUnsigned(a, address) >= 0 && Long.compareUnsigned(a - address, size) < 0;
    }

    PatchRegion with(List<AppliedRecord> newRecords, DiskComparison newDisk) {
        return new PatchRegion(address, size, fileOffset, mappings, header, machine, hunkSize, elfAddress, jumpTable,
                importNames, newRecords, infoTerminated, object, patchedObject, newDisk, problems);
    }
}
