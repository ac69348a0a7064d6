package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.CXX;
import static org.kpaudit.analyzer.checks.Fixtures.bytes;
import static org.kpaudit.analyzer.checks.Fixtures.patched;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;

/** {@link InfoTableCheck}: KP112 info-table. */
class InfoTableCheckTest {

    @Test
    void realTableIsWellFormed() {
        assertThat(run(new InfoTableCheck(), sample(A))).isEmpty();
        assertThat(run(new InfoTableCheck(), sample(CXX))).isEmpty();
    }

    @Test
    void nonZeroTerminatorIsReported() {
        // a_bounds_check/README: .kpatch.info at ELF offset 0x2bd, 72 bytes = 1 record + 24-byte terminator
        int terminator = 504 + 0x2bd + 48;
        byte[] b = patched(bytes(A), terminator + 3, (byte) 1);
        PatchSubject p = subject("x.kpatch", b, null, Policy.defaults());
        assertThat(run(new InfoTableCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location().byteOffset()).isEqualTo(terminator);
            assertThat(f.message()).contains("terminator").doesNotContain("null");
        });
    }
}
