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
        // readelf -S of the two binaries: .bss at 0x4068 in bounds_demo, 0x4040 in checksum
        assertThat(f).anySatisfy(x -> {
            assertThat(x.location().section()).isEqualTo(".bss");
            assertThat(x.message()).contains("0x4068").contains("0x4040");
        });
    }
}
