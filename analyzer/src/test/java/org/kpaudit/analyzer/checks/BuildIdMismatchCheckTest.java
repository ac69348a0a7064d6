package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Severity;

/** {@link BuildIdMismatchCheck}: KP102 build-id-mismatch. */
class BuildIdMismatchCheckTest {

    @Test
    void patchWithItsOwnTargetMatches() {
        PatchSubject p = sample(A, A_TARGET);
        assertThat(p.targetStatus()).isEqualTo(PatchSubject.TargetStatus.MATCH);
        assertThat(run(new BuildIdMismatchCheck(), p)).isEmpty();
    }

    @Test
    void patchAgainstTheWrongBinaryIsAnError() {
        // a_bounds_check's patch against h_O2's binary: build-ids from the two cases' READMEs
        PatchSubject p = sample(A, O2_TARGET);
        assertThat(p.targetStatus()).isEqualTo(PatchSubject.TargetStatus.MISMATCH);
        assertThat(run(new BuildIdMismatchCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4")
                    .contains("996a071e5c245d8156bd9cbe51b867ae913808fa");
        });
    }
}
