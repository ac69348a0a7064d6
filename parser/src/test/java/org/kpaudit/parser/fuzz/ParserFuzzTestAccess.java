package org.kpaudit.parser.fuzz;

import org.kpaudit.model.ElfFile;

/** Lets other tests touch every lazy part of a model the way the fuzz tests do. */
public final class ParserFuzzTestAccess {

    private ParserFuzzTestAccess() {
    }

    public static void exercise(ElfFile elf) {
        ParserFuzzTest.exercise(elf);
    }
}
