package org.kpaudit.model;

/**
 * Where a relocated pointer of a kernel module points: the value of an {@code R_X86_64_64}
 * relocation (symbol + addend), resolved back to a named symbol when one starts there.
 *
 * @param symbol the named symbol at that place (a function for {@code new_func} and callbacks),
 *     or the undefined symbol's name for a pointer to something outside the module; {@code null}
 *     when only section + offset is known
 * @param section the section the pointer lands in, or {@code null} for an undefined symbol
 * @param sectionIndex that section's index (0 for an undefined symbol)
 * @param offset offset in the section (st_value + r_addend; for an undefined symbol the addend)
 * @param size st_size of the named symbol (0 when unknown)
 * @param defined false for a pointer to an undefined (external) symbol
 */
public record PointerTarget(String symbol, String section, long sectionIndex, long offset, long size, boolean defined) {

    /** The symbol name, else {@code section+0xoff}. */
    public String display() {
        if (symbol != null) {
            return symbol;
        }
        return (section == null ? "?" : section) + "+0x" + Long.toHexString(offset);
    }
}
