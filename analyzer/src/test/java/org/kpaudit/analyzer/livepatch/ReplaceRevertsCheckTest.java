package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Severity;

class ReplaceRevertsCheckTest {

    private final ReplaceRevertsCheck check = new ReplaceRevertsCheck();

    @Test
    void cumulativePatchKeepingEverythingPasses() {
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
    }

    @Test
    void droppedFunctionIsReverted() {
        // patch_c is cumulative and keeps only cmdline_proc_show: version_proc_show (patch-b) goes back to the original
        var c = module("patch-c.ko", Fixtures.simple("patch_c", true, "cmdline_proc_show"));
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB(), c)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL201");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("patch_c is cumulative").contains("vmlinux function version_proc_show,1")
                    .contains("which patch_b patches").contains("reverts version_proc_show to its original code");
            assertThat(f.location().file()).isEqualTo("patch-c.ko");
            assertThat(f.location().function()).isEqualTo("version_proc_show");
        });
    }
}
