package org.kpaudit.analyzer.scan;

/**
 * A function entry whose bytes in memory differ from its file and that no applied patch
 * explains (found when the object's file is available: under {@code --sysroot}, or on disk for
 * a live process).
 *
 * @param address the function entry
 * @param symbol the symbol at that address
 * @param object the object it belongs to
 * @param memory the bytes in memory
 * @param file the bytes in the file
 * @param fileOffset where the memory bytes are in the core file (-1 for a live process)
 * @param target where the memory bytes jump, or null when they are not a jump kpaudit decodes
 * @param targetDescription what lies at the target ("unmapped", "heap", "libx.so", "patch F1")
 */
public record EntryHook(long address, String symbol, LoadedObject object, byte[] memory, byte[] file, long fileOffset,
        Long target, String targetDescription) {

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
}
