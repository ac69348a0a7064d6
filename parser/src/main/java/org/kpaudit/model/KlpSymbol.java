package org.kpaudit.model;

/**
 * A livepatch symbol of the module: named {@code .klp.sym.*}, or with st_shndx SHN_LIVEPATCH.
 *
 * @param symbol the symbol table entry
 * @param name its name split into object, symbol and sympos
 * @param fileOffset where the symbol table entry is in the file
 */
public record KlpSymbol(Symbol symbol, KlpSymbolName name, long fileOffset) {

    public boolean markedLivepatch() {
        return symbol.shndx() == Symbol.SHN_LIVEPATCH;
    }
}
