package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.FileKind;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.Samples;

/** Kinds come from content, never from file names. */
class FileTypeDetectorTest {

    @Test
    void realSamples() throws IOException {
        assertThat(FileTypeDetector.detect(Samples.path(
                "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"))).isEqualTo(FileKind.KPATCH);
        // a PIE executable is ET_DYN
        assertThat(FileTypeDetector.detect(Samples.path("libcare/a_bounds_check/original/bounds_demo")))
                .isEqualTo(FileKind.ELF_SHARED_OBJECT);
        assertThat(FileTypeDetector.detect(Samples.path("libcare/h_pie_vs_nopie/nopie/original/ringbuf")))
                .isEqualTo(FileKind.ELF_EXECUTABLE);
        assertThat(FileTypeDetector.detect(Samples.path("libcare/b_shared_lib/original/libshape.so")))
                .isEqualTo(FileKind.ELF_SHARED_OBJECT);
        assertThat(FileTypeDetector.detect(Samples.path("klp/patch-a/patch-a.ko"))).isEqualTo(FileKind.LIVEPATCH_MODULE);
        assertThat(FileTypeDetector.detect(Samples.path("klp/patch-b/patch-b.ko"))).isEqualTo(FileKind.LIVEPATCH_MODULE);
        assertThat(FileTypeDetector.detect(Samples.path("libcare/a_bounds_check/README.md"))).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void synthetic() {
        assertThat(detect(new ElfWriter(64, true, ElfWriter.ET_CORE, 62).build())).isEqualTo(FileKind.ELF_CORE);
        assertThat(detect(new ElfWriter(32, false, ElfWriter.ET_EXEC, 8).build())).isEqualTo(FileKind.ELF_EXECUTABLE);
        assertThat(detect(ElfWriter.rel64().build())).isEqualTo(FileKind.ELF_RELOCATABLE);
        ElfWriter mod = ElfWriter.rel64();
        mod.section(".modinfo", 1, 2, 0, "license=GPL\0name=foo\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(detect(mod.build())).isEqualTo(FileKind.KERNEL_MODULE);
        ElfWriter lp = ElfWriter.rel64();
        lp.section(".modinfo", 1, 2, 0, "license=GPL\0livepatch=Y\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(detect(lp.build())).isEqualTo(FileKind.LIVEPATCH_MODULE);
        ElfWriter notLp = ElfWriter.rel64();
        notLp.section(".modinfo", 1, 2, 0, "description=livepatching=Y\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(detect(notLp.build())).isEqualTo(FileKind.KERNEL_MODULE);
        assertThat(detect(new byte[] {0x1f, (byte) 0x8b, 8, 0})).isEqualTo(FileKind.ARCHIVE);
        assertThat(detect("!<arch>\nfoo".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileKind.ARCHIVE);
        assertThat(detect(new byte[0])).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(new byte[] {0x7f, 'E', 'L'})).isEqualTo(FileKind.UNKNOWN);
    }

    private static FileKind detect(byte[] b) {
        return FileTypeDetector.detect(ByteBuffer.wrap(b));
    }
}
