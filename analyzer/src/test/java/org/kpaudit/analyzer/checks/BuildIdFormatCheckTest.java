package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;
import static org.kpaudit.analyzer.checks.Fixtures.synthetic;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;

/** {@link BuildIdFormatCheck}: KP101 build-id-format. */
class BuildIdFormatCheckTest {

    @Test
    void realPatchHasAWellFormedBuildId() {
        assertThat(run(new BuildIdFormatCheck(), sample(A))).isEmpty();
    }

    @Test
    void uppercaseOrShortBuildIdIsReportedAtTheField() {
        PatchSubject upper = subject("x.kpatch", synthetic("A089A4F5E43BA0634A4EF66DEEEF1450FFE24AA4", "T1"),
                null, Policy.defaults());
        List<Finding> f = run(new BuildIdFormatCheck(), upper);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.checkId()).isEqualTo("KP101");
            // V4: buildid[41] at offset 88 (kpatch-format.md 1.1)
            assertThat(x.location().byteOffset()).isEqualTo(88);
            assertThat(x.location().byteLength()).isEqualTo(41);
            assertThat(x.message()).contains("other than 0-9 and a-f");
        });
        PatchSubject empty = subject("x.kpatch", synthetic("", "T1"), null, Policy.defaults());
        assertThat(run(new BuildIdFormatCheck(), empty)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("is empty"));
    }
}
