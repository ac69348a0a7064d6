package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.LayoutVersion;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** Header layouts V0 to V4 (kpatch-format.md 1.1 to 1.4) written by a test writer, and lying headers. */
class KpatchLayoutTest {

    private static final String BID = "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4";

    private static byte[] elf() {
        return PatchBuilder.x86().changed("lookup_slot", 0xe9, 38, 57).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void everyLayoutIsDetected(int layout) {
        byte[] file = new KpatchWriter().layout(layout).id("L" + layout).buildId(BID).buildTime(1700000000L + layout)
                .runtime(0x1f8, 0x1000, 0x3000, 0x2080, 0x12bd, 7).elf(elf()).build();
        assertThat(FileTypeDetector.detect(ByteBuffer.wrap(file))).isEqualTo(FileKind.KPATCH);
        KpatchFile k = KpatchParser.parse("v" + layout + ".kpatch", ByteBuffer.wrap(file));
        KpatchHeader h = k.header();
        assertThat(h.layout()).isEqualTo(LayoutVersion.valueOf("V" + layout));
        assertThat(h.headerSize()).isEqualTo(KpatchWriter.headerSize(layout));
        assertThat(h.kpatchOffset()).isEqualTo(KpatchWriter.headerSize(layout));
        assertThat(h.relOffset()).isEqualTo(KpatchWriter.headerSize(layout));
        assertThat(h.totalSize()).isEqualTo(file.length);
        assertThat(h.buildId()).isEqualTo(BID);
        assertThat(h.buildTime()).isEqualTo(1700000000L + layout);
        assertThat(h.id()).isEqualTo(layout == 0 ? null : "L" + layout);
        assertThat(h.jmpOffset()).isEqualTo(0x1f8);
        assertThat(h.userUndo()).isEqualTo(0x2080);
        assertThat(h.userInfo()).isEqualTo(0x12bd);
        assertThat(h.userLevel()).isEqualTo(7);
        assertThat(h.elfOffset()).isEqualTo(layout >= 3 ? Long.valueOf(0x1000) : null);
        assertThat(h.kpatchTotalMemSize()).isEqualTo(layout == 4 ? Long.valueOf(0x3000) : null);
        // the embedded ELF is found at kpatch_offset in every layout and resolves the same record
        assertThat(k.infos()).hasSize(1);
        assertThat(k.infos().get(0).function()).isEqualTo("lookup_slot");
        assertThat(k.infos().get(0).original().address()).isEqualTo(0x1080 + 0xe9);
        assertThat(k.infos().get(0).dlen()).isEqualTo(38);
        assertThat(k.infos().get(0).slen()).isEqualTo(57);
    }

    @Test
    void magicWithGarbageOffsetsIsAClearError() {
        byte[] file = new KpatchWriter().kpatchOffset(0x7fff0000L).relOffset(0x12345678L).elf(elf()).build();
        assertThatThrownBy(() -> KpatchParser.parse("garbage.kpatch", ByteBuffer.wrap(file)))
                .isInstanceOf(MalformedFileException.class)
                .satisfies(e -> {
                    MalformedFileException m = (MalformedFileException) e;
                    assertThat(m.problem().file()).isEqualTo("garbage.kpatch");
                    assertThat(m.problem().offset()).isEqualTo(152);
                    assertThat(m.problem().reason()).startsWith("unknown header layout");
                });
    }

    @Test
    void kpatchOffsetPointingAtNoElfIsAClearError() {
        byte[] file = new KpatchWriter().elf(elf()).build();
        file[504] = 'X';
        assertThatThrownBy(() -> KpatchParser.parse("noelf.kpatch", ByteBuffer.wrap(file)))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("noelf.kpatch at offset 0x1f8: no ELF object at kpatch_offset 0x1f8");
    }

    @Test
    void truncatedHeaderIsAClearError() {
        byte[] full = new KpatchWriter().elf(elf()).build();
        byte[] cut = java.util.Arrays.copyOf(full, 300);
        assertThatThrownBy(() -> KpatchParser.parse("cut.kpatch", ByteBuffer.wrap(cut)))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("cut.kpatch at offset 0x0: file is 300 bytes, shorter than its V4 header (504 bytes)");
    }

    @Test
    void onlyTheMagicIsNotAKpatch() {
        byte[] magicOnly = "KPATCH1\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(FileTypeDetector.detect(ByteBuffer.wrap(magicOnly))).isEqualTo(FileKind.KPATCH);
        assertThatThrownBy(() -> KpatchParser.parse("m.kpatch", ByteBuffer.wrap(magicOnly)))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("unknown header layout");
    }

    @Test
    void totalSizeThatLiesIsReadAsWritten() {
        byte[] file = new KpatchWriter().totalSize(999999).elf(elf()).build();
        KpatchFile k = KpatchParser.parse("lie.kpatch", ByteBuffer.wrap(file));
        assertThat(k.header().totalSize()).isEqualTo(999999);
        assertThat(k.fileSize()).isEqualTo(file.length);
    }

    @Test
    void aarch64RecordsResolveThroughAbs64() {
        byte[] file = new KpatchWriter().elf(PatchBuilder.aarch64().text(0x7c0, 0x300).changed("read_gauge", 0x114, 40, 72)
                .added("entry_suspicious", 188).build()).build();
        KpatchFile k = KpatchParser.parse("arm.kpatch", ByteBuffer.wrap(file));
        assertThat(k.elf().header().machine().name()).isEqualTo("AARCH64");
        assertThat(k.infos()).hasSize(2);
        assertThat(k.infos().get(0).original().relocationType().name()).isEqualTo("R_AARCH64_ABS64");
        assertThat(k.infos().get(0).original().address()).isEqualTo(0x7c0 + 0x114);
        assertThat(k.infos().get(1).isNew()).isTrue();
        assertThat(k.infos().get(1).name()).isEqualTo("entry_suspicious");
    }
}
