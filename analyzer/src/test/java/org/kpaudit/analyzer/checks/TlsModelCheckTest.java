package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_LIB;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.synth;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchBuilder;

/** {@link TlsModelCheck}: KP205 tls-model. */
class TlsModelCheckTest {

    @Test
    void initialExecAgainstLocalTlsIsFine() {
        // e_tls/README: library patch, 13 x R_X86_64_GOTTPOFF against LOCAL TLS s_level / s_peak
        assertThat(run(new TlsModelCheck(), sample(TLS_LIB))).isEmpty();
    }

    @Test
    void generalDynamicAndAarch64LocalTlsAreReported() {
        PatchSubject gd = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30)
                .symbol(new ElfWriter.Sym("tv", 0, 0, 6, 1, 0)).textReloc(1, 19, "tv", -4));
        assertThat(run(new TlsModelCheck(), gd)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("R_X86_64_TLSGD").contains("initial-exec");
        });
        PatchSubject arm = synth(PatchBuilder.aarch64().changed("f", 0x10, 20, 32)
                .symbol(new ElfWriter.Sym("s_level", 4, 4, 6, 0, 2)).textReloc(0, 541, "s_level", 0));
        assertThat(run(new TlsModelCheck(), arm)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("LOCAL TLS symbol s_level");
        });
    }
}
