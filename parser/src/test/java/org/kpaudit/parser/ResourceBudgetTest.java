package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.testing.ElfWriter;

/** Hostile inputs that stay within the file size but try to make the parser work too hard. */
class ResourceBudgetTest {

    /** 100,000 symbols whose names all start inside one 64 KiB string without a NUL. */
    private static byte[] overlappingNames() {
        ElfWriter w = ElfWriter.rel64();
        byte[] str = new byte[1 << 16];
        Arrays.fill(str, (byte) 'A');
        str[0] = 0;
        List<ElfWriter.Sym> syms = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            syms.add(ElfWriter.Sym.func("x", 0, 0, 0));
        }
        ElfWriter.Sec st = w.symtab(syms);
        // point the symbol table at a string table of 64 KiB of 'A' (NUL only at 0)
        ElfWriter.Sec strtab = w.sections().get((int) st.link);
        strtab.data = str;
        byte[] image = w.build();
        // every symbol's st_name = 1: each name scans to the 64 KiB cap
        ByteBuffer b = ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ElfFile probe = ElfParser.parse("probe", ByteBuffer.wrap(image));
        long off = probe.symbolTableSection(SymbolTableKind.SYMTAB).orElseThrow().offset();
        for (int i = 1; i <= 100_000; i++) {
            b.putInt((int) (off + 24L * i), 1);
        }
        return image;
    }

    @Test
    void overlappingNamesStopAtTheNameBudget() {
        byte[] image = overlappingNames();
        ElfFile elf = ElfParser.parse("names.o", ByteBuffer.wrap(image));
        assertThatThrownBy(() -> elf.symbols(SymbolTableKind.SYMTAB))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("names.o at offset 0x")
                .hasMessageContaining("names read from string tables exceed")
                .hasMessageContaining("the string table is built to make names overlap");
    }

    @Test
    void timeBudgetEndsWorkOnAFile() {
        byte[] image = overlappingNames();
        String old = System.getProperty("kpaudit.timeBudgetSeconds");
        System.setProperty("kpaudit.timeBudgetSeconds", "0");
        try {
            ElfFile elf = ElfParser.parse("slow.o", ByteBuffer.wrap(image));
            assertThatThrownBy(() -> elf.symbols(SymbolTableKind.SYMTAB))
                    .isInstanceOf(MalformedFileException.class)
                    .hasMessageContaining("slow.o at offset 0x")
                    .hasMessageContaining("time budget of 0 s for this file exceeded");
        } finally {
            if (old == null) {
                System.clearProperty("kpaudit.timeBudgetSeconds");
            } else {
                System.setProperty("kpaudit.timeBudgetSeconds", old);
            }
        }
    }

    @Test
    void aLongNameIsCutWithAWarning() {
        ElfWriter w = ElfWriter.rel64();
        String longName = "f".repeat(70_000);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[4]);
        w.symtab(List.of(ElfWriter.Sym.func(longName, 0, 4, text.index())));
        ElfFile elf = ElfParser.parse("long.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.symbols(SymbolTableKind.SYMTAB).get(1).name()).hasSize(1 << 16);
        assertThat(elf.warnings()).anySatisfy(p -> assertThat(p.reason()).isEqualTo("name longer than 65536 bytes; cut"));
    }
}
