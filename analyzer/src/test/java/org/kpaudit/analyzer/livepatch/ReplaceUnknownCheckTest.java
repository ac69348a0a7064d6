package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Severity;

class ReplaceUnknownCheckTest {

    private final ReplaceUnknownCheck check = new ReplaceUnknownCheck();

    @Test
    void knownFlagsOrNothingBeforePass() {
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
        var k = module("k.ko", Fixtures.simple("patch_k", false, "cmdline_proc_show").kpatchStyle(true));
        assertThat(chain(check, k)).isEmpty();
    }

    @Test
    void kpatchModuleAfterOthers() {
        var k = module("k.ko", Fixtures.simple("patch_k", false, "cmdline_proc_show").kpatchStyle(true));
        assertThat(chain(check, Fixtures.patchB(), k)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message()).contains("If it is cumulative it replaces patch_b and reverts"
                    + " vmlinux:version_proc_show,1");
        });
    }
}
