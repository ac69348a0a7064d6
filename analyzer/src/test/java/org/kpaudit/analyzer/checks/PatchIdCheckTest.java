package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.bytes;
import static org.kpaudit.analyzer.checks.Fixtures.patched;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;
import static org.kpaudit.analyzer.checks.Fixtures.synthetic;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;

/** {@link PatchIdCheck}: KP104 patch-id. */
class PatchIdCheckTest {

    @Test
    void realIdIsFine() {
        assertThat(run(new PatchIdCheck(), sample(A))).isEmpty();
    }

    @Test
    void emptyIdIsAWarning() {
        PatchSubject p = subject("x.kpatch", synthetic("0123456789abcdef0123456789abcdef01234567", ""),
                null, Policy.defaults());
        assertThat(run(new PatchIdCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location().byteOffset()).isEqualTo(8);
        });
    }

    @Test
    void idWithoutNulIsAWarning() {
        byte[] b = patched(bytes(A), 8, "ABCDEFGH".getBytes(StandardCharsets.US_ASCII));
        PatchSubject p = subject("x.kpatch", b, null, Policy.defaults());
        assertThat(run(new PatchIdCheck(), p)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no terminating NUL"));
    }
}
