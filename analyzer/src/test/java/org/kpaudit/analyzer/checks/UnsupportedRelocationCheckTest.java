package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.CXX;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.synth;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.PatchBuilder;

/** {@link UnsupportedRelocationCheck}: KP201 unsupported-relocation. */
class UnsupportedRelocationCheckTest {

    static final String ARM_B = "libcare-aarch64/b_new_helper/patch/9b51420587cf8f89d87b5048590f44564d1333c4.kpatch";
    static final String ARM_D = "libcare-aarch64/d_O2_tailcall/patch/5d3b22fefc78dc1110ceee0c9f0c1487bef27999.kpatch";

    @Test
    void typesOfRealX86AndAarch64PatchesAreSupported() {
        assertThat(run(new UnsupportedRelocationCheck(), sample(CXX))).isEmpty();
        // libcare-aarch64 README: CALL26, ADR_GOT_PAGE, LD64_GOT_LO12_NC (b); JUMP26 (d)
        assertThat(run(new UnsupportedRelocationCheck(), sample(ARM_B))).isEmpty();
        assertThat(run(new UnsupportedRelocationCheck(), sample(ARM_D))).isEmpty();
    }

    @Test
    void plt32IsAnErrorAndAarch64Ldst8AWarning() {
        PatchSubject x86 = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30).importSymbol("puts@GLIBC_2.2.5")
                .textReloc(1, 4, "puts@GLIBC_2.2.5", -4));
        assertThat(run(new UnsupportedRelocationCheck(), x86)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("R_X86_64_PLT32").contains("puts@GLIBC_2.2.5");
        });
        PatchSubject arm = synth(PatchBuilder.aarch64().changed("f", 0x10, 20, 32)
                .textReloc(4, 278, ".data", 0x11));
        assertThat(run(new UnsupportedRelocationCheck(), arm)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("LDST8");
        });
    }

    @Test
    void manyRelocationsOfOneUnsupportedTypeAreOneFinding() {
        // three calls through the PLT (type 4, R_X86_64_PLT32) and one R_X86_64_PC64 (24): two root causes
        PatchSubject x86 = synth(PatchBuilder.x86().changed("f", 0x10, 20, 40).importSymbol("puts@GLIBC_2.2.5")
                .importSymbol("exit@GLIBC_2.2.5")
                .textReloc(1, 4, "puts@GLIBC_2.2.5", -4).textReloc(9, 4, "exit@GLIBC_2.2.5", -4)
                .textReloc(17, 4, "puts@GLIBC_2.2.5", -4).textReloc(25, 24, "puts@GLIBC_2.2.5", 0));
        assertThat(run(new UnsupportedRelocationCheck(), x86)).hasSize(2).anySatisfy(f -> {
            assertThat(f.message()).contains("R_X86_64_PLT32").contains("The same holds for 2 more relocation(s)")
                    .contains("against exit@GLIBC_2.2.5");
            assertThat(f.location().byteOffset()).isPositive();
        }).anySatisfy(f -> assertThat(f.message()).contains("R_X86_64_PC64").doesNotContain("The same holds"));
    }
}
