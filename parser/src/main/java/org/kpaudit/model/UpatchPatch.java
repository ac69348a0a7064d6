package org.kpaudit.model;

import java.util.List;

/**
 * A SysCare user-space patch (upatch): an ELF relocatable object with a {@code .upatch.funcs}
 * table (upatch-format.md sections 1-3), decoded through its relocations.
 *
 * @param elf the object
 * @param functions the entries of {@code .upatch.funcs}, in table order
 * @param targetBuildId the GNU build-id of the target, from the notes copied into the patch, or null
 * @param livepatchSymbols symbols already resolved to the target ({@code st_shndx} SHN_LIVEPATCH, 0xff20)
 * @param undefinedSymbols symbols the loader must still resolve ({@code SHN_UNDEF}, named)
 * @param problems what does not add up (table size, relocation count, names), as facts for the checks
 */
public record UpatchPatch(ElfFile elf, List<UpatchFunction> functions, String targetBuildId, int livepatchSymbols,
        List<String> undefinedSymbols, List<String> problems) {

    public UpatchPatch {
        functions = List.copyOf(functions);
        undefinedSymbols = List.copyOf(undefinedSymbols);
        problems = List.copyOf(problems);
    }

    /**
     * One {@code struct upatch_patch_func} (48 bytes: new_addr, new_size, old_addr, old_size, sympos,
     * name).
     *
     * @param index position in the table
     * @param fileOffset where the entry starts in the file
     * @param name the function name, read from {@code .upatch.strings} at the addend of the relocation at
     *     +40 (as syscared reads it), or null when that relocation is missing
     * @param nameByOrder the index-th string of {@code .upatch.strings} (as upatch-manage reads it), or null
     * @param newSymbol the symbol of the relocation at +0 (the new function), or null
     * @param newSize new_size
     * @param oldAddr old_addr (target address minus text_offset)
     * @param oldSize old_size
     * @param sympos sympos
     */
    public record UpatchFunction(int index, long fileOffset, String name, String nameByOrder, String newSymbol,
            long newSize, long oldAddr, long oldSize, long sympos) {
    }
}
