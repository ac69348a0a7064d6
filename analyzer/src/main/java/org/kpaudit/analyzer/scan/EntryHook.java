package org.kpaudit.analyzer.scan;

import org.kpaudit.model.Mapping;

/**
 * Code in a mapped object that jumps where no applied patch explains, or differs from the
 * object's file: found by comparing memory with the file (when the file is available), or from
 * memory alone (a jump at a function entry, or anywhere in a modified code page, whose target is
 * an anonymous executable mapping, a writable and executable one, or no mapping).
 *
 * @param address where the code is
 * @param symbol the function at that address, or null when unknown
 * @param object the object it belongs to
 * @param memory the bytes in memory
 * @param file the bytes in the file (empty when the file is not available)
 * @param fileOffset where the memory bytes are in the core file (-1 for a live process)
 * @param target where the memory bytes jump, or null when they are not a jump kpaudit decodes
 * @param targetDescription what lies at the target ("unmapped memory", "anonymous rwx mapping at ...")
 * @param jumpKind the instruction form, e.g. {@code jmp rel32}, or null
 * @param targetMapping the mapping the target lies in, or null (none)
 * @param detectedBy {@code file comparison}, {@code function entry} (memory only, the entry known
 *     from the in-memory or file symbols) or {@code code scan} (memory only, no symbol)
 */
public record EntryHook(long address, String symbol, LoadedObject object, byte[] memory, byte[] file, long fileOffset,
        Long target, String targetDescription, String jumpKind, Mapping targetMapping, String detectedBy) {

    public static final String BY_FILE = "file comparison";
    public static final String BY_ENTRY = "function entry";
    public static final String BY_SCAN = "code scan";

    public EntryHook {
        memory = memory.clone();
        file = file.clone();
    }

    @Override
    public byte[] memory() {
        return memory.clone();
    }

    @Override
    public byte[] file() {
        return file.clone();
    }

    /** True when it was found from memory alone (no file to compare with). */
    public boolean memoryOnly() {
        return !BY_FILE.equals(detectedBy);
    }
}
