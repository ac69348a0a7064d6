package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Section;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.parser.fuzz.ParserFuzzTestAccess;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;
import org.kpaudit.testing.Samples;

/**
 * The malformed-input suite: each hostile shape gets a clear error (file, offset, reason) or a
 * warning, never another exception, a hang or unbounded memory.
 */
class MalformedInputTest {

    // ------------------------------------------------------------------ truncation

    @ParameterizedTest
    @ValueSource(strings = {
        "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch",
        "libcare/h_cxx/patch/2dfed7b410bbf2767d7a223a7fde185957418f22.kpatch",
        "libcare-aarch64/b_new_helper/patch/9b51420587cf8f89d87b5048590f44564d1333c4.kpatch",
        "libcare/b_shared_lib/original/libshape.so",
        "libcare/h_pie_vs_nopie/nopie/original/ringbuf"})
    void truncatedAtEverySectionBoundary(String sample) throws IOException {
        byte[] whole = Files.readAllBytes(Samples.path(sample));
        boolean kpatch = FileTypeDetector.detect(ByteBuffer.wrap(whole)) == FileKind.KPATCH;
        ElfFile elf = kpatch ? KpatchParser.parse(sample, ByteBuffer.wrap(whole)).elf()
                : ElfParser.parse(sample, ByteBuffer.wrap(whole));
        long base = kpatch ? 504 : 0;
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L, 4L, 16L, 40L, 63L, base, base + 16, base + 63));
        for (Section s : elf.sections()) {
            cuts.add(base + s.offset());
            cuts.add(base + s.offset() + s.size() - 1);
            cuts.add(base + s.offset() + s.size());
        }
        cuts.add(base + elf.header().shoff());
        cuts.add(base + elf.header().shoff() + 64 * 3 + 7);
        int clean = 0;
        int errors = 0;
        for (long cut : cuts) {
            if (cut < 0 || cut >= whole.length) {
                continue;
            }
            byte[] part = java.util.Arrays.copyOf(whole, (int) cut);
            try {
                if (kpatch) {
                    KpatchFile k = KpatchParser.parse("cut", ByteBuffer.wrap(part));
                    ParserFuzzTestAccess.exercise(k.elf());
                } else {
                    ParserFuzzTestAccess.exercise(ElfParser.parse("cut", ByteBuffer.wrap(part)));
                }
                clean++;
            } catch (MalformedFileException e) {
                assertThat(e.problem().file()).isEqualTo("cut");
                assertThat(e.problem().reason()).isNotBlank();
                errors++;
            }
        }
        // the section header table is at the end of these files: most cuts lose it
        assertThat(errors).as("truncations of %s that are errors", sample).isGreaterThan(cuts.size() / 2);
        assertThat(clean + errors).isGreaterThan(10);
    }

    @Test
    void truncatedSectionHeaderTableNamesTheShortfall() throws IOException {
        byte[] whole = Files.readAllBytes(Samples.path("libcare/b_shared_lib/original/libshape.so"));
        ElfFile elf = ElfParser.parse("x", ByteBuffer.wrap(whole));
        long shoff = elf.header().shoff();
        byte[] part = java.util.Arrays.copyOf(whole, (int) (shoff + 64 * 10 + 5));
        // readelf -h: 31 section headers at 14136 (0x3738)
        assertThatThrownBy(() -> ElfParser.parse("libshape.so", ByteBuffer.wrap(part)))
                .hasMessage("libshape.so at offset 0x" + Long.toHexString(shoff) + ": section header table claims "
                        + elf.header().sectionCount() + " entries of 64 bytes at 0x" + Long.toHexString(shoff)
                        + " but the file holds only 10");
    }

    // ------------------------------------------------------------------ huge counts

    @Test
    void sectionCountOfTwoToTheThirtyTwoMinusOne() {
        ElfWriter w = ElfWriter.rel64().extendedNumbering();
        byte[] image = w.build();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        b.putLong((int) shoff + 32, 0xffffffffL); // section 0 sh_size = the real count
        assertThatThrownBy(() -> ElfParser.parse("count.o", ByteBuffer.wrap(image)))
                .hasMessageContaining("count.o at offset 0x" + Long.toHexString(shoff))
                .hasMessageContaining("section header table claims 4294967295 entries of 64 bytes");
    }

    @Test
    void symbolAndRelocationCountsOfTwoToTheThirtyTwoMinusOne() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[8]);
        ElfWriter.Sec st = w.symtab(List.of(ElfWriter.Sym.func("f", 0, 8, text.index())));
        ElfWriter.Sec rela = w.rela(".rela.text", text, st, List.of(new ElfWriter.Rel(0, 1, 2, -4)));
        st.forcedSize = 0xffffffffL * 24;
        rela.forcedSize = 0xffffffffL * 24;
        ElfFile elf = ElfParser.parse("counts.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.warnings()).hasSize(2).allSatisfy(p -> assertThat(p.reason())
                .contains("contents at").contains("+ 0x17ffffffe8 extend past the end of the file"));
        assertThatThrownBy(() -> elf.symbols(SymbolTableKind.SYMTAB)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("contents extend past the end of the file");
        assertThatThrownBy(() -> elf.relocations(elf.relocationSections().get(0)))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("contents extend past the end of the file");
    }

    // ------------------------------------------------------------------ offsets, links, strings

    @Test
    void offsetsPastTheEnd() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[8]);
        text.forcedOffset = 0xfffffffffff0L;
        ElfFile elf = ElfParser.parse("off.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.warnings()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("section [1] .text: contents at 0xfffffffffff0 + 0x8 extend past the end of the file ("
                        + elf.size() + " bytes)"));
        assertThat(elf.sectionBytes(text(elf), 8)).isEmpty();
    }

    private static Section text(ElfFile elf) {
        return elf.section(".text").orElseThrow();
    }

    @Test
    void overlappingSectionsAreAWarning() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec a = w.section(".a", ElfWriter.SHT_PROGBITS, 2, 0, new byte[32]);
        ElfWriter.Sec b = w.section(".b", ElfWriter.SHT_PROGBITS, 2, 0, new byte[32]);
        byte[] image = w.build();
        ElfFile probe = ElfParser.parse("p", ByteBuffer.wrap(image));
        long aOff = probe.section(".a").orElseThrow().offset();
        b.forcedOffset = aOff + 16;
        ElfFile elf = ElfParser.parse("overlap.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.warnings()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("sections [" + a.index() + "] and [" + b.index() + "] overlap in the file (0x"
                        + Long.toHexString(aOff + 16) + " < 0x" + Long.toHexString(aOff + 32) + ")"));
    }

    @Test
    void shLinkLoopsDoNotHang() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[8]);
        ElfWriter.Sec st = w.symtab(List.of(ElfWriter.Sym.func("f", 0, 8, text.index())));
        st.link = st.index(); // the symbol table names itself as its string table
        ElfWriter.Sec rela = w.rela(".rela.text", text, st, List.of(new ElfWriter.Rel(0, 1, 2, 0)));
        rela.link = rela.index(); // and the relocations point at themselves as symbol table
        rela.info = rela.index();
        ElfFile elf = ElfParser.parse("loop.o", ByteBuffer.wrap(w.build()));
        assertThat(elf.symbols(SymbolTableKind.SYMTAB).get(1).name()).isNull();
        assertThat(elf.warnings()).anySatisfy(p -> assertThat(p.reason())
                .isEqualTo("symbol table [" + st.index() + "] .symtab: sh_link " + st.index()
                        + " is not a string table; symbol names not read"));
        assertThat(elf.relocations(elf.relocationSections().get(0))).singleElement()
                .satisfies(r -> assertThat(r.symbolName()).isNull());
    }

    @Test
    void stringOffsetsOutOfRange() {
        ElfWriter w = ElfWriter.rel64();
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0, new byte[8]);
        w.symtab(List.of(ElfWriter.Sym.func("f", 0, 8, text.index())));
        byte[] image = w.build();
        ElfFile probe = ElfParser.parse("p", ByteBuffer.wrap(image));
        long symOff = probe.symbolTableSection(SymbolTableKind.SYMTAB).orElseThrow().offset();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt((int) symOff + 24, 0x7ffffff0);
        ElfFile elf = ElfParser.parse("str.o", ByteBuffer.wrap(image));
        assertThat(elf.symbols(SymbolTableKind.SYMTAB).get(1).name()).isNull();
        assertThat(elf.symbols(SymbolTableKind.SYMTAB).get(1).nameOffset()).isEqualTo(0x7ffffff0);
    }

    // ------------------------------------------------------------------ kpatch lies

    @Test
    void kpatchTotalSizeAndOffsetsThatLie() {
        byte[] elf = PatchBuilder.x86().changed("f", 0x10, 20, 30).build();
        KpatchFile big = KpatchParser.parse("total.kpatch", ByteBuffer.wrap(new KpatchWriter().totalSize(0xffffffffL)
                .elf(elf).build()));
        assertThat(big.header().totalSize()).isEqualTo(0xffffffffL);
        assertThat(big.paddingLength()).isGreaterThan(big.fileSize());
        byte[] off = new KpatchWriter().elf(elf).build();
        // layout stays V4 (152/156 == 504) but the ELF is not at 504
        off[504] = 0;
        assertThatThrownBy(() -> KpatchParser.parse("off.kpatch", ByteBuffer.wrap(off)))
                .hasMessage("off.kpatch at offset 0x1f8: no ELF object at kpatch_offset 0x1f8");
    }

    @Test
    void infoListWithoutTerminator() {
        byte[] elf = PatchBuilder.x86().changed("f", 0x10, 20, 30).changed("g", 0x40, 20, 30).build();
        ElfFile probe = ElfParser.parse("p", ByteBuffer.wrap(elf));
        Section info = probe.section(".kpatch.info").orElseThrow();
        // cut the section to exactly two records: no 24-byte terminator
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shdr = probe.header().shoff() + 64L * info.index();
        b.putLong((int) shdr + 32, 96);
        KpatchFile k = KpatchParser.parse("noterm.kpatch", ByteBuffer.wrap(new KpatchWriter().elf(elf).build()));
        assertThat(k.infos()).hasSize(1);
        assertThat(k.infoTerminatorLength()).isEqualTo(48);
        assertThat(k.infoTerminatorZero()).isFalse();
    }

    // ------------------------------------------------------------------ fuzzing finds

    /** Found by ParserFuzzTest#kpatch: a RELR section whose size is not a whole number of words. */
    @Test
    void relrSectionOfPartialWords() throws IOException {
        byte[] input;
        try (var in = MalformedInputTest.class.getResourceAsStream("fuzz/ParserFuzzTestInputs/kpatch/relr-not-whole-words")) {
            input = in.readAllBytes();
        }
        assertThatThrownBy(() -> KpatchParser.parse("fuzz.kpatch", ByteBuffer.wrap(input)))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("fuzz.kpatch at offset 0x790: RELR section [34]  is 0x31 bytes, not a whole number of"
                        + " 8-byte words");
    }

    // ------------------------------------------------------------------ big files

    @Test
    void tenGigabyteSparseFile(@TempDir Path dir) throws IOException {
        Path zeros = dir.resolve("zeros.bin");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(10L << 30);
        }
        assertThat(FileTypeDetector.detect(zeros)).isEqualTo(FileKind.UNKNOWN);
        Path elf = dir.resolve("big.elf");
        try (RandomAccessFile f = new RandomAccessFile(elf.toFile(), "rw")) {
            f.write(ElfWriter.rel64().build());
            f.setLength(10L << 30);
        }
        assertThat(FileTypeDetector.detect(elf)).isEqualTo(FileKind.ELF_RELOCATABLE);
        // above 2 GiB the object is read through windows (BigElfTest), with the same result as the small file
        ElfFile small = ElfParser.parse("small", java.nio.ByteBuffer.wrap(ElfWriter.rel64().build()));
        ElfFile big = ElfParser.parse(elf);
        assertThat(big.size()).isEqualTo(10L << 30);
        assertThat(big.sections()).extracting(org.kpaudit.model.Section::name)
                .containsExactlyElementsOf(small.sections().stream().map(org.kpaudit.model.Section::name).toList());
    }
}
