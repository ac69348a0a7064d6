package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.withTargetBytes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** {@link RelocationReachCheck}: KP204 relocation-reach. */
class RelocationReachCheckTest {

    static final String NOPIE = "libcare/h_pie_vs_nopie/nopie/patch/d579e3740e68355ff24f7b9c762921499177fc21.kpatch";
    static final String NOPIE_TARGET = "libcare/h_pie_vs_nopie/nopie/original/ringbuf";
    static final String PIE_TARGET = "libcare/h_pie_vs_nopie/pie/original/ringbuf";

    @Test
    void absolute32InANonPieExecutableReaches() {
        // h_pie_vs_nopie/README: 9 x R_X86_64_32S in the ET_EXEC build, addresses 0x40xxxx
        assertThat(run(new RelocationReachCheck(), sample(NOPIE, NOPIE_TARGET))).isEmpty();
        assertThat(run(new RelocationReachCheck(), sample(A, A_TARGET))).isEmpty();
    }

    @Test
    void absolute32InAPieTargetIsAnError() {
        List<Finding> f = run(new RelocationReachCheck(), sample(NOPIE, PIE_TARGET));
        // nine R_X86_64_32S (readelf -r of the nopie patch, h_pie_vs_nopie README), one root cause: one finding
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.message()).contains("Relocation 0 of .rela.kpatch.text (R_X86_64_32S")
                    .contains("position-independent").contains("The same holds for 8 more relocation(s)")
                    .contains("relocation 4 against ring,").contains("relocation 8 against ring_pos.");
            assertThat(x.location().section()).isEqualTo(".rela.kpatch.text");
        });
    }

    @Test
    void pc32AcrossAThreeGigabyteImageIsAnError() {
        byte[] k = new KpatchWriter().elf(PatchBuilder.x86().changed("f", 0x10, 20, 30)
                .textReloc(1, 2, ".data", -4).build()).build();
        PatchSubject far = withTargetBytes("x.kpatch", k, target(0xC000_0000L),
                PatchSubject.TargetStatus.MATCH);
        assertThat(run(new RelocationReachCheck(), far)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("2 GiB"));
        PatchSubject near = withTargetBytes("x.kpatch", k, target(0x10000),
                PatchSubject.TargetStatus.MATCH);
        assertThat(run(new RelocationReachCheck(), near)).isEmpty();
    }

    static byte[] target(long memsz) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1080, new byte[16]);
        w.phdr(new ElfWriter.Phdr(1, 5, 0, 0, 0x100, memsz, 0x1000));
        return w.build();
    }
}
