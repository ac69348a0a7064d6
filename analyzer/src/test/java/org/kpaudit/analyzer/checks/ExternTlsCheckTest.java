package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXE_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXTERN;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_LIB;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Severity;

/** {@link ExternTlsCheck}: KP206 extern-tls-got. */
class ExternTlsCheckTest {

    @Test
    void localTlsIsNotReported() {
        assertThat(run(new ExternTlsCheck(), sample(TLS_LIB))).isEmpty();
    }

    @Test
    void gottpoffAgainstTheLibrarysTlsVariableIsAnError() {
        // e_tls/README negative sample 1: GOTTPOFF against undefined GLOBAL TLS lib_depth (libdepth.so)
        PatchSubject p = sample(TLS_EXTERN, TLS_EXE_TARGET);
        assertThat(run(new ExternTlsCheck(), p)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.checkId()).isEqualTo("KP206");
            assertThat(x.message()).contains("R_X86_64_GOTTPOFF").contains("lib_depth")
                    .contains("defined in libdepth.so");
            assertThat(x.location().section()).isEqualTo(".rela.kpatch.text");
        });
        assertThat(run(new ExternTlsCheck(), sample(TLS_EXTERN))).hasSize(1);
    }
}
