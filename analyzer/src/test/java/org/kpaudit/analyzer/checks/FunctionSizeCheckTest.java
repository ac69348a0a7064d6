package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;
import static org.kpaudit.analyzer.checks.Fixtures.withTargetBytes;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** {@link FunctionSizeCheck}: KP303 function-too-small. */
class FunctionSizeCheckTest {

    @Test
    void realFunctionsAreLongEnough() {
        assertThat(run(new FunctionSizeCheck(), sample(A, A_TARGET))).isEmpty();
        assertThat(run(new FunctionSizeCheck(), sample(O2, O2_TARGET))).isEmpty();
    }

    @Test
    void threeByteFunctionIsAnErrorAndUnknownSizeANote() {
        byte[] k = new KpatchWriter().elf(PatchBuilder.x86().changed("tiny", 0x10, 3, 30).build()).build();
        PatchSubject p = subject("t.kpatch", k, null, Policy.defaults());
        assertThat(run(new FunctionSizeCheck(), p)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("3 bytes long").contains("5-byte jump");
        });
        byte[] ok = new KpatchWriter().elf(PatchBuilder.x86().changed("f", 0x10, 20, 30).build()).build();
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1080, new byte[0x400]);
        PatchSubject stripped = withTargetBytes("t.kpatch", ok, w.build(), PatchSubject.TargetStatus.MATCH);
        assertThat(run(new FunctionSizeCheck(), stripped)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.NOTE);
            assertThat(x.message()).contains("unknown");
        });
    }
}
