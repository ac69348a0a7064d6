package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** KP110-KP112: embedded ELF kind, file layout, info table. */
class LayoutChecksTest {

    static final String ARM_A = "libcare-aarch64/a_bounds_check/patch/7e868a76901b07b181af111eaf08624ad674231b.kpatch";

    @Nested
    class ElfKind {
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

    @Nested
    class Layout {
        @Test
        void realFileIsConsistent() {
            assertThat(run(new LayoutCheck(), sample(A))).isEmpty();
        }

        @Test
        void nonZeroPaddingIsReported() {
            // a_bounds_check/README: ELF of 4152 bytes at 504, then 8 zero bytes up to total_size 4664
            byte[] b = Fixtures.patched(Fixtures.bytes(A), 4663, (byte) 0x90);
            PatchSubject p = Fixtures.subject("x.kpatch", b, null, Policy.defaults());
            assertThat(run(new LayoutCheck(), p)).singleElement().satisfies(f -> {
                assertThat(f.location().byteOffset()).isEqualTo(504 + 4152);
                assertThat(f.location().byteLength()).isEqualTo(8);
                assertThat(f.message()).contains("padding");
            });
        }

        @Test
        void lyingTotalSizeAndOffsetAreReported() {
            byte[] elf = PatchBuilder.x86().changed("f", 0x10, 20, 30).build();
            byte[] big = new KpatchWriter().elf(elf).totalSize(504 + ((elf.length + 15) & ~15) + 32).build();
            assertThat(run(new LayoutCheck(), Fixtures.subject("x.kpatch", big, null, Policy.defaults())))
                    .anySatisfy(f -> assertThat(f.message()).contains("total_size").contains("the file has"));
            byte[] shifted = new KpatchWriter().elf(elf).layout(4).build();
            assertThat(run(new LayoutCheck(), Fixtures.subject("x.kpatch", shifted, null, Policy.defaults())))
                    .isEmpty();
        }
    }

    @Nested
    class InfoTable {
        @Test
        void realTableIsWellFormed() {
            assertThat(run(new InfoTableCheck(), sample(A))).isEmpty();
            assertThat(run(new InfoTableCheck(), sample(Fixtures.CXX))).isEmpty();
        }

        @Test
        void nonZeroTerminatorIsReported() {
            // a_bounds_check/README: .kpatch.info at ELF offset 0x2bd, 72 bytes = 1 record + 24-byte terminator
            int terminator = 504 + 0x2bd + 48;
            byte[] b = Fixtures.patched(Fixtures.bytes(A), terminator + 3, (byte) 1);
            PatchSubject p = Fixtures.subject("x.kpatch", b, null, Policy.defaults());
            assertThat(run(new InfoTableCheck(), p)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.location().byteOffset()).isEqualTo(terminator);
                assertThat(f.message()).contains("terminator").doesNotContain("null");
            });
        }
    }
}
