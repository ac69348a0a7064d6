package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;

/** {@link ElfKindCheck}: KP110 elf-class-machine. */
class ElfKindCheckTest {

    static final String ARM_A = "libcare-aarch64/a_bounds_check/patch/7e868a76901b07b181af111eaf08624ad674231b.kpatch";

    @Test
    void x86AndAarch64SamplesAreAccepted() {
        assertThat(run(new ElfKindCheck(), sample(A, A_TARGET))).isEmpty();
        assertThat(run(new ElfKindCheck(), sample(ARM_A, "libcare-aarch64/a_bounds_check/original/gauge")))
                .isEmpty();
    }

    @Test
    void aarch64PatchAgainstAnX86TargetIsReported() {
        // libcare-aarch64/README: e_machine 183; a_bounds_check/original is EM_X86_64 (62)
        PatchSubject p = sample(ARM_A, A_TARGET);
        assertThat(run(new ElfKindCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("AARCH64").contains("X86_64");
            assertThat(f.location().byteOffset()).isEqualTo(504 + 18);
        });
    }
}
