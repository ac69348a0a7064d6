package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;

class ReplacedCallbacksCheckTest {

    private final ReplacedCallbacksCheck check = new ReplacedCallbacksCheck();

    @Test
    void replacedPatchWithoutCallbacksPasses() {
        // patch-a has no callbacks
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
    }

    @Test
    void replacedPatchsUnpatchCallbacksNeverRun() {
        // patch-b/README.md: vmlinux object callbacks pre_patch = pb_pre_patch, post_unpatch = pb_post_unpatch
        var c = module("c.ko", Fixtures.simple("patch_c", true, "cmdline_proc_show", "version_proc_show")
                .state(0x5eed, 1));
        assertThat(chain(check, Fixtures.patchB(), c)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL205");
            assertThat(f.message()).contains("patch_c replaces patch_b")
                    .contains("vmlinux callbacks post_unpatch = pb_post_unpatch will never run")
                    .doesNotContain("pb_pre_patch");
        });
    }
}
