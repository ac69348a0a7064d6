package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.model.ElfFile;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.ReadelfOutput;

/**
 * gABI extended section numbering: e_shnum == 0 and e_shstrndx == SHN_XINDEX, the real values in
 * section header 0. An object with 140,000 sections must not read as 0 sections.
 */
class ExtendedNumberingTest {

    private static final int COUNT = 140_000;

    private static byte[] manySections() {
        ElfWriter w = ElfWriter.rel64().extendedNumbering();
        for (int i = 1; i < COUNT - 1; i++) {
            w.section(".text.f" + i, ElfWriter.SHT_PROGBITS, 6, 0, null).type = ElfWriter.SHT_PROGBITS;
        }
        return w.build();
    }

    @Test
    void sectionCountAndNameTableComeFromSectionZero(@TempDir Path dir) throws Exception {
        byte[] bytes = manySections();
        // the raw header says 0 sections and SHN_XINDEX
        ByteBuffer raw = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getShort(60)).isEqualTo((short) 0);
        assertThat(raw.getShort(62) & 0xffff).isEqualTo(0xffff);

        ElfFile elf = ElfParser.parse("many.o", ByteBuffer.wrap(bytes));
        assertThat(elf.header().shnum()).isZero();
        assertThat(elf.header().sectionCount()).isEqualTo(COUNT);
        assertThat(elf.header().sectionNameIndex()).isEqualTo(COUNT - 1);
        assertThat(elf.sections()).hasSize(COUNT);
        assertThat(elf.sections().get(1).name()).isEqualTo(".text.f1");
        assertThat(elf.sections().get(COUNT - 2).name()).isEqualTo(".text.f" + (COUNT - 2));
        assertThat(elf.sections().get(COUNT - 1).name()).isEqualTo(".shstrtab");
        assertThat(elf.warnings()).isEmpty();

        assumeTrue(ReadelfOutput.available(), "readelf is not installed");
        Path f = dir.resolve("many.o");
        Files.write(f, bytes);
        ReadelfOutput ro = ReadelfOutput.run(f);
        assertThat(ro.sections).hasSize(COUNT);
        assertThat(ro.sections.get(COUNT - 2).name()).isEqualTo(elf.sections().get(COUNT - 2).name());
    }
}
