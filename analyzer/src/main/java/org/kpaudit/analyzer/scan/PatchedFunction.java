package org.kpaudit.analyzer.scan;

import java.util.List;

/**
 * A function that one or more applied patches replace, with its stacking order rebuilt from
 * the entry bytes and the saved bytes: the entry jumps to the newest patch, whose saved bytes
 * jump to the one below, down to the original bytes (kpatch-format.md sections 4.3 and 5).
 *
 * @param address the function entry (daddr)
 * @param function its name, from the records
 * @param object the mapped object it belongs to, or null
 * @param entry the bytes at the entry now (empty when not readable)
 * @param entryFileOffset where they are in the core file (-1 when not in a file)
 * @param entryTarget where the entry jumps, or null
 * @param stack the patches in effect, newest first: {@code F3#0} = record 0 of patch F3
 * @param original the bytes the oldest patch in the stack saved (the original code when the
 *     stack is sound), empty when unknown
 * @param originalTarget where those saved bytes jump, or null (null is expected: original code)
 * @param inactive records of mapped patches for this function that the stack does not reach
 * @param fileBytes the object file's bytes at the entry (as many as {@code original}), empty when
 *     the file is not available
 * @param originalVsFile how the oldest patch's saved bytes compare with the file: the proof that
 *     unpatching puts back the function's own code
 */
public record PatchedFunction(
        long address,
        String function,
        LoadedObject object,
        byte[] entry,
        long entryFileOffset,
        Long entryTarget,
        List<Ref> stack,
        byte[] original,
        Long originalTarget,
        List<Ref> inactive,
        byte[] fileBytes,
        FileComparison originalVsFile) {

    public PatchedFunction {
        entry = entry.clone();
        original = original.clone();
        fileBytes = fileBytes.clone();
        stack = List.copyOf(stack);
        inactive = List.copyOf(inactive);
    }

    @Override
    public byte[] entry() {
        return entry.clone();
    }

    @Override
    public byte[] original() {
        return original.clone();
    }

    @Override
    public byte[] fileBytes() {
        return fileBytes.clone();
    }

    /** The same function, with the comparison of its saved original bytes with the object's file. */
    PatchedFunction withFile(byte[] bytes, FileComparison c) {
        return new PatchedFunction(address, function, object, entry, entryFileOffset, entryTarget, stack, original,
                originalTarget, inactive, bytes, c);
    }

    /**
     * True when everything about this entry was checked: its bytes are in the image and, when
     * patches are in effect, the original bytes they saved were compared with the object's file.
     */
    public boolean verified() {
        if (entry.length == 0) {
            return false;
        }
        return stack.isEmpty() || originalTarget != null || originalVsFile.compared();
    }

    /** Record {@code index} of the patch region at {@code region}. */
    public record Ref(long region, String patch, int index, long saddr) {
        @Override
        public String toString() {
            return patch + "#" + index;
        }
    }
}
