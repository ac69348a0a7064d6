package org.kpaudit.model;

/**
 * One symbol of a target kernel or module, from a symbol list or an ELF file.
 *
 * @param name the symbol name
 * @param address its address (for a relocatable target: its offset in {@code section})
 * @param size its size, or -1 when the list gives none (System.map, kallsyms)
 * @param type the nm-style type letter ({@code t}, {@code T}, {@code d} ...), or {@code null}
 * @param module the module it belongs to, or {@code null} for vmlinux
 * @param local true for a local (static) symbol
 * @param section for a relocatable target: the section index; else -1
 */
public record KernelSymbol(String name, long address, long size, Character type, String module, boolean local,
        long section) {

    /** The object this symbol belongs to, as livepatch names it: the module name or {@code vmlinux}. */
    public String objectName() {
        return module == null ? KlpObject.VMLINUX : module;
    }
}
