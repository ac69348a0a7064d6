package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;

import org.junit.jupiter.api.Test;

class VermagicMismatchCheckTest {

    private final VermagicMismatchCheck check = new VermagicMismatchCheck();

    @Test
    void sameKernelPasses() {
        // both built against 6.12.117+deb12-amd64 (READMEs)
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
    }

    @Test
    void differentKernels() {
        // the k6.1 build of patch-a has vermagic 6.1.0-56-amd64
        assertThat(chain(check, Fixtures.patchB(), Fixtures.patchA61())).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL207");
            assertThat(f.message()).contains("\"6.1.0-56-amd64 SMP preempt mod_unload modversions\"")
                    .contains("\"6.12.117+deb12-amd64 SMP preempt mod_unload modversions\"");
        });
    }
}
