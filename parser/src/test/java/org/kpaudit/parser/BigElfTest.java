package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.testing.BigElf;

/** An ELF object larger than 2 GiB is read through windows, not refused. */
class BigElfTest {

    @Test
    void sectionsAndSymbolsBeyondTwoGibAreRead(@TempDir Path dir) throws Exception {
        Path f = BigElf.write(dir.resolve("big.so"), List.of("alpha", "beta_function", "gamma"));
        assertThat(Files.size(f)).isGreaterThan(MappedInput.MAX_MAPPED);
        ElfFile elf = ElfParser.parse(f);
        assertThat(elf.sections()).extracting(Section::name)
                .containsExactly("", ".text", ".symtab", ".strtab", ".shstrtab");
        assertThat(elf.section(".symtab").orElseThrow().offset()).isGreaterThan(MappedInput.MAX_MAPPED);
        List<Symbol> syms = elf.symbols(SymbolTableKind.SYMTAB);
        assertThat(syms).extracting(Symbol::name).containsExactly("", "alpha", "beta_function", "gamma");
        assertThat(syms).extracting(Symbol::value).containsExactly(0L, 0x1000L, 0x1010L, 0x1020L);
        assertThat(elf.warnings()).isEmpty();
        assertThat(FileTypeDetector.detect(f)).isEqualTo(org.kpaudit.model.FileKind.ELF_SHARED_OBJECT);
    }
}
