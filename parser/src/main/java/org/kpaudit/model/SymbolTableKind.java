package org.kpaudit.model;

/** Which symbol table: the full {@code .symtab} (SHT_SYMTAB) or the dynamic {@code .dynsym}. */
public enum SymbolTableKind {
    SYMTAB,
    DYNSYM
}
