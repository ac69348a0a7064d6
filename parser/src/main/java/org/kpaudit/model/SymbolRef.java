package org.kpaudit.model;

/**
 * Where a relocation in {@code .rela.kpatch.info} points: a symbol plus addend, resolved to a
 * section, an offset in it and an address.
 *
 * @param symbolIndex index of the symbol in the patch's {@code .symtab}
 * @param symbol the symbol's name (the section's name for a section symbol)
 * @param sectionSymbol true when the relocation is against a section symbol (so the function
 *     is known only as section + offset, e.g. a static or cloned function)
 * @param sectionIndex index of the symbol's section in the patch's section table (0 if undefined)
 * @param sectionName the section's name ({@code .text}, {@code .kpatch.text} ...)
 * @param sectionAddress sh_addr of that section: for original sections, the target binary's
 *     link-time address of the section
 * @param offset offset in the section: st_value + r_addend (section symbols contribute 0)
 * @param address sh_addr + offset, the link-time address in the target (for original sections)
 * @param symbolSize st_size of the symbol (0 for section symbols)
 * @param addend r_addend
 * @param relocationType the relocation's type
 */
public record SymbolRef(
        long symbolIndex,
        String symbol,
        boolean sectionSymbol,
        long sectionIndex,
        String sectionName,
        long sectionAddress,
        long offset,
        long address,
        long symbolSize,
        Code symbolType,
        Code symbolBind,
        long addend,
        Code relocationType) {
}
