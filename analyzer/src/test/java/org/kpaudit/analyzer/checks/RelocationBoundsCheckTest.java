package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.CXX;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.synth;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.testing.PatchBuilder;

/** {@link RelocationBoundsCheck}: KP202 relocation-bounds. */
class RelocationBoundsCheckTest {

    @Test
    void realRelocationsStayInTheirSections() {
        assertThat(run(new RelocationBoundsCheck(), sample(CXX))).isEmpty();
    }

    @Test
    void relocationPastTheEndOfKpatchTextIsReported() {
        PatchSubject p = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30).textReloc(28, 2, ".data", -4));
        assertThat(run(new RelocationBoundsCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("writes 4 bytes at offset 0x1c of .kpatch.text")
                    .contains("only 30 bytes");
            assertThat(f.location().section()).isEqualTo(".rela.kpatch.text");
        });
    }
}
