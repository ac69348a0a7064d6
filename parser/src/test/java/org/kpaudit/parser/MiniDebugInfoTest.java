package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.testing.ElfWriter;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class MiniDebugInfoTest {

    /** An ELF whose .gnu_debugdata is {@code packed}. */
    static byte[] withDebugdata(byte[] packed) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[32]);
        w.section(".gnu_debugdata", ElfWriter.SHT_PROGBITS, 0, 0, packed);
        return w.build();
    }

    static byte[] symtabElf() {
        ElfWriter inner = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = inner.nobits(".text", 6, 0x1000, 32);
        inner.symtab(List.of(ElfWriter.Sym.func("tiny", 0x1000, 3, text.index())));
        return inner.build();
    }

    static byte[] xz(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream z = new XZOutputStream(out, new LZMA2Options())) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void decompressesTheEmbeddedSymbolTable() throws Exception {
        ElfFile outer = ElfParser.parse("stripped", ByteBuffer.wrap(withDebugdata(xz(symtabElf()))));
        ElfFile mini = MiniDebugInfo.read(outer, MiniDebugInfo.MAX_DECOMPRESSED).orElseThrow();
        assertThat(mini.symbols(SymbolTableKind.SYMTAB)).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("tiny");
            assertThat(s.size()).isEqualTo(3);
        });
        assertThat(MiniDebugInfo.read(ElfParser.parse("plain", ByteBuffer.wrap(symtabElf())), 1 << 20)).isEmpty();
    }

    @Test
    void outputCapAndBadDataAreProblems() throws Exception {
        ElfFile outer = ElfParser.parse("stripped", ByteBuffer.wrap(withDebugdata(xz(new byte[100_000]))));
        assertThatThrownBy(() -> MiniDebugInfo.read(outer, 10_000)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("more than 10000 bytes");
        ElfFile junk = ElfParser.parse("junk", ByteBuffer.wrap(withDebugdata(new byte[] {1, 2, 3, 4})));
        assertThatThrownBy(() -> MiniDebugInfo.read(junk, 10_000)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("not valid xz");
    }
}
