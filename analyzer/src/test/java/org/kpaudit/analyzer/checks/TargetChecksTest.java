package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;
import org.kpaudit.testing.Samples;

/** KP301-KP303: the patch against its target's sections and functions. */
class TargetChecksTest {

    static final String J = "libcare/j_static_function/patch/53569f230c3df056e28c198f746293518560ae9f.kpatch";
    static final String J_TARGET = "libcare/j_static_function/original/tempconv";

    /** a_bounds_check's patch with h_O2's build-id written over its own: a relabelled patch. */
    static PatchSubject relabelled() {
        byte[] b = Fixtures.patched(Fixtures.bytes(A), 88,
                "996a071e5c245d8156bd9cbe51b867ae913808fa".getBytes(StandardCharsets.US_ASCII));
        return Fixtures.subject("996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch", b, Samples.path(O2_TARGET),
                Policy.defaults());
    }

    @Nested
    class SectionAddresses {
        @Test
        void patchSectionsEqualTheirTargets() {
            assertThat(run(new SectionAddressCheck(), sample(A, A_TARGET))).isEmpty();
            assertThat(run(new SectionAddressCheck(), sample(O2, O2_TARGET))).isEmpty();
        }

        @Test
        void relabelledPatchIsCaughtDespiteTheMatchingBuildId() {
            PatchSubject p = relabelled();
            assertThat(p.targetStatus()).isEqualTo(PatchSubject.TargetStatus.MATCH);
            List<Finding> f = run(new SectionAddressCheck(), p);
            // readelf -S of the two binaries: .bss at 0x4068 in bounds_demo, 0x4040 in checksum
            assertThat(f).anySatisfy(x -> {
                assertThat(x.location().section()).isEqualTo(".bss");
                assertThat(x.message()).contains("0x4068").contains("0x4040");
            });
        }
    }

    @Nested
    class FunctionIdentity {
        @Test
        void changedFunctionsExistWithTheirSizes() {
            // a: lookup_slot at 0x1169, 38 bytes; h_O2: mix.constprop.0 via .text + 0x210 = 0x1290, 10 bytes;
            // j: static to_fahrenheit via .text + 0xe9 = 0x1169, 43 bytes (cases' READMEs)
            assertThat(run(new FunctionIdentityCheck(), sample(A, A_TARGET))).isEmpty();
            assertThat(run(new FunctionIdentityCheck(), sample(O2, O2_TARGET))).isEmpty();
            assertThat(run(new FunctionIdentityCheck(), sample(J, J_TARGET))).isEmpty();
        }

        @Test
        void relabelledPatchJumpsIntoTheMiddleOfAnotherFunction() {
            assertThat(run(new FunctionIdentityCheck(), relabelled())).singleElement().satisfies(x -> {
                assertThat(x.location().function()).isEqualTo("lookup_slot");
                assertThat(x.message()).contains("No function starts at 0x1169");
            });
        }

        @Test
        void lengthDifferentFromTheTargetSymbolIsReported() {
            // the one info record of a_bounds_check is at ELF offset 0x2bd; dlen at +16 (kpatch-format.md 2)
            byte[] b = Fixtures.patched(Fixtures.bytes(A), 504 + 0x2bd + 16, (byte) 40);
            PatchSubject p = Fixtures.subject("a.kpatch", b, Samples.path(A_TARGET), Policy.defaults());
            assertThat(run(new FunctionIdentityCheck(), p)).singleElement()
                    .satisfies(x -> assertThat(x.message()).contains("40 bytes long").contains("it is 38 bytes"));
        }
    }

    @Nested
    class FunctionSize {
        @Test
        void realFunctionsAreLongEnough() {
            assertThat(run(new FunctionSizeCheck(), sample(A, A_TARGET))).isEmpty();
            assertThat(run(new FunctionSizeCheck(), sample(O2, O2_TARGET))).isEmpty();
        }

        @Test
        void threeByteFunctionIsAnErrorAndUnknownSizeANote() {
            byte[] k = new KpatchWriter().elf(PatchBuilder.x86().changed("tiny", 0x10, 3, 30).build()).build();
            PatchSubject p = Fixtures.subject("t.kpatch", k, null, Policy.defaults());
            assertThat(run(new FunctionSizeCheck(), p)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
                assertThat(x.message()).contains("3 bytes long").contains("5-byte jump");
            });
            byte[] ok = new KpatchWriter().elf(PatchBuilder.x86().changed("f", 0x10, 20, 30).build()).build();
            ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
            w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1080, new byte[0x400]);
            PatchSubject stripped = Fixtures.withTargetBytes("t.kpatch", ok, w.build(), PatchSubject.TargetStatus.MATCH);
            assertThat(run(new FunctionSizeCheck(), stripped)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.NOTE);
                assertThat(x.message()).contains("unknown");
            });
        }
    }
}
