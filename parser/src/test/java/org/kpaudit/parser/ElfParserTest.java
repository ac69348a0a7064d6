package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.Samples;

/** ELF model facts that readelf does not print in the same form: build-id, needed, versions, hashes. */
class ElfParserTest {

    @Test
    void buildIdNeededAndVersionsOfARealExecutable() throws IOException {
        ElfFile elf = ElfParser.parse(Samples.path("libcare/b_shared_lib/original/shapeapp"));
        // build-ids.txt of the case
        assertThat(elf.buildId()).hasValue(buildIdFromCase("libcare/b_shared_lib/tool-output/build-ids.txt", "shapeapp"));
        assertThat(elf.neededLibraries()).containsExactly("libshape.so", "libc.so.6");
        assertThat(elf.versionNeeds()).singleElement().satisfies(n -> assertThat(n.file()).isEqualTo("libc.so.6"));
        // readelf: "printf@GLIBC_2.2.5 (3)" in .dynsym; an import, so not an export found by hash
        Symbol printf = elf.symbols(SymbolTableKind.DYNSYM).stream().filter(s -> "printf".equals(s.name()))
                .findFirst().orElseThrow();
        assertThat(printf.version()).isEqualTo("GLIBC_2.2.5");
        assertThat(printf.isUndefined()).isTrue();
        assertThat(elf.lookupDynamic("printf")).isEmpty();
        // readelf: "stdout@GLIBC_2.2.5 (3)" defined in .bss by a copy relocation
        assertThat(elf.lookupDynamic("stdout")).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo("GLIBC_2.2.5"));
        assertThat(elf.lookupDynamic("no_such_symbol")).isEmpty();
    }

    @Test
    void sharedLibraryExportsAreFoundThroughGnuHash() throws IOException {
        ElfFile lib = ElfParser.parse(Samples.path("libcare/b_shared_lib/original/libshape.so"));
        assertThat(lib.sectionOfType("GNU_HASH")).isPresent();
        // readelf -d: libshape.so has neither DT_NEEDED nor DT_SONAME
        assertThat(lib.neededLibraries()).isEmpty();
        assertThat(lib.soname()).isEmpty();
        for (Symbol s : lib.symbols(SymbolTableKind.DYNSYM)) {
            if (s.index() > 0 && s.isDefinedInSection()) {
                assertThat(lib.lookupDynamic(s.name())).as(s.name()).contains(s);
            }
        }
    }

    static String buildIdFromCase(String rel, String binary) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Samples.path(rel))) {
            if (line.contains(binary + ":")) {
                return line.substring(line.lastIndexOf(' ') + 1).strip();
            }
        }
        throw new AssertionError("no build-id for " + binary + " in " + rel);
    }

    @Test
    void bigEndian32BitObject() {
        ElfWriter w = new ElfWriter(32, false, ElfWriter.ET_REL, 8);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x400, new byte[16]);
        w.symtab(List.of(ElfWriter.Sym.func("main", 4, 12, text.index())));
        ElfFile elf = ElfParser.parse("be32.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.header().elfClass()).isEqualTo(32);
        assertThat(elf.header().endian().name()).isEqualTo("BIG");
        assertThat(elf.header().machine().name()).isEqualTo("MIPS");
        Symbol main = elf.symbols(SymbolTableKind.SYMTAB).get(1);
        assertThat(main.name()).isEqualTo("main");
        assertThat(main.value()).isEqualTo(4);
        assertThat(main.size()).isEqualTo(12);
        assertThat(main.type().name()).isEqualTo("FUNC");
    }

    @Test
    void unsignedValuesStayUnsigned() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0xffffffffffff0000L, new byte[16]);
        w.symtab(List.of(ElfWriter.Sym.func("high", 0xfffffffffffffff0L, 0x8000000000000000L, text.index())));
        ElfFile elf = ElfParser.parse("high.o", ByteBuffer.wrap(w.build()));
        assertThat(Long.toUnsignedString(elf.sections().get(1).addr())).isEqualTo("18446744073709486080");
        Symbol s = elf.symbols(SymbolTableKind.SYMTAB).get(1);
        assertThat(Long.toUnsignedString(s.size())).isEqualTo("9223372036854775808");
    }

    @Test
    void unknownConstantsKeepTheirNumbers() {
        ElfWriter w = new ElfWriter(64, true, 0xfe01, 0x7777);
        w.section(".odd", 0x6abcdef0, 0, 0, new byte[4]);
        ElfFile elf = ElfParser.parse("odd.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.header().type().value()).isEqualTo(0xfe01);
        assertThat(elf.header().type().name()).isNull();
        assertThat(elf.header().machine().value()).isEqualTo(0x7777);
        assertThat(elf.header().machine().known()).isFalse();
        assertThat(elf.sections().get(1).type().value()).isEqualTo(0x6abcdef0L);
        assertThat(elf.sections().get(1).type().name()).isNull();
    }

    @Test
    void malformedHeadersAreClearErrors() {
        assertThatThrownBy(() -> ElfParser.parse("short", ByteBuffer.wrap(new byte[] {0x7f, 'E', 'L', 'F', 2})))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("short at offset 0x0: file is 5 bytes, too short for an ELF identification (16 bytes)");
        byte[] badClass = ElfWriter.rel64().build();
        badClass[4] = 9;
        assertThatThrownBy(() -> ElfParser.parse("cls", ByteBuffer.wrap(badClass)))
                .hasMessage("cls at offset 0x4: unsupported ELF class 9 (EI_CLASS must be 1 or 2)");
        byte[] farTable = ElfWriter.rel64().forceShoff(0x7fffffffffffL).build();
        assertThatThrownBy(() -> ElfParser.parse("far", ByteBuffer.wrap(farTable)))
                .hasMessageContaining("far at offset 0x28: section header table at 0x7fffffffffff lies past the end");
        byte[] many = ElfWriter.rel64().forceShnum(0xfff0).build();
        assertThatThrownBy(() -> ElfParser.parse("many", ByteBuffer.wrap(many)))
                .hasMessageContaining("section header table claims 65520 entries of 64 bytes");
        byte[] smallEnt = ElfWriter.rel64().forceShentsize(12).build();
        assertThatThrownBy(() -> ElfParser.parse("ent", ByteBuffer.wrap(smallEnt)))
                .hasMessage("ent at offset 0x3a: e_shentsize is 12, smaller than a section header (64 bytes)");
    }

    @Test
    void sectionPastTheEndIsAWarningAndALazyError() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[16]);
        ElfWriter.Sec st = w.symtab(List.of(ElfWriter.Sym.func("f", 0, 1, text.index())));
        st.forcedSize = 0x100000L;
        ElfFile elf = ElfParser.parse("bad.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.warnings()).anySatisfy(p -> assertThat(p.reason())
                .contains(".symtab: contents at").contains("extend past the end of the file"));
        assertThatThrownBy(() -> elf.symbols(SymbolTableKind.SYMTAB))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("bad.o at offset 0x")
                .hasMessageContaining("contents extend past the end of the file");
    }

    @Test
    void nameOffsetOutOfRangeIsAWarning() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[16]);
        text.forcedNameOffset = 0x99999L;
        ElfFile elf = ElfParser.parse("name.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.sections().get(1).name()).isNull();
        assertThat(elf.warnings()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("section [1]: name offset 0x99999 is past the end of the name table"));
    }
}
