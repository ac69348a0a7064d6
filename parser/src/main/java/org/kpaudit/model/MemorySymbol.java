package org.kpaudit.model;

/**
 * A function symbol read from an object's dynamic symbol table in a process image.
 *
 * @param name the symbol name, or null when its string is not in the image
 * @param address its run-time address (st_value plus the object's load bias)
 * @param size st_size (0 when unknown)
 */
public record MemorySymbol(String name, long address, long size) {
}
