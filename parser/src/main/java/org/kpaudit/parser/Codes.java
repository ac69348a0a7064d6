package org.kpaudit.parser;

import org.kpaudit.formats.Elf;
import org.kpaudit.model.Code;

/** Shared {@link Code} values for the small enumerations read once per symbol. */
final class Codes {

    private static final Code[] SYMBOL_TYPES = new Code[16];
    private static final Code[] BINDS = new Code[16];
    private static final Code[] VISIBILITIES = new Code[4];

    static {
        for (int i = 0; i < 16; i++) {
            SYMBOL_TYPES[i] = new Code(i, ElfParser.enumName(Elf.SymbolType.byId(i)));
            BINDS[i] = new Code(i, ElfParser.enumName(Elf.SymbolBinding.byId(i)));
        }
        for (int i = 0; i < 4; i++) {
            VISIBILITIES[i] = new Code(i, ElfParser.enumName(Elf.SymbolVisibility.byId(i)));
        }
    }

    private Codes() {
    }

    static Code symbolType(int raw) {
        return SYMBOL_TYPES[raw & 0xf];
    }

    static Code symbolBind(int raw) {
        return BINDS[raw & 0xf];
    }

    static Code visibility(int raw) {
        return VISIBILITIES[raw & 3];
    }
}
