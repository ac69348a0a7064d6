package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.relabelled;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;

/** {@link SectionAddressCheck}: KP301 section-addresses. */
class SectionAddressCheckTest {

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
        // one root cause, one finding; readelf -S of the two binaries: .bss at 0x4068 in bounds_demo, 0x4040 in
        // checksum; .fini 0x124c and 0x12d8; .eh_frame 0x2058 and 0x2060; .gnu.version 0x57a and 0x57c
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.checkId()).isEqualTo("KP301");
            assertThat(x.message()).contains(".bss 0x4068 -> 0x4040").contains(".fini 0x124c -> 0x12d8")
                    .contains(".eh_frame 0x2058 -> 0x2060").contains(".gnu.version 0x57a -> 0x57c");
            // the first section listed is where the finding points: .gnu.version is section 8 of the patch
            assertThat(x.location().section()).isEqualTo(".gnu.version");
        });
    }
}
