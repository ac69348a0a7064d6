package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;

class StackingConflictCheckTest {

    private final StackingConflictCheck check = new StackingConflictCheck();

    @Test
    void replacingIsNotStacking() {
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
        // different functions stack without conflict
        assertThat(chain(check, Fixtures.patchA(), module("x.ko", Fixtures.simple("patch_x", false, "other_fn"))))
                .isEmpty();
    }

    @Test
    void twoNonCumulativePatchesOfOneFunction() {
        var x = module("x.ko", Fixtures.simple("patch_x", false, "cmdline_proc_show"));
        assertThat(chain(check, Fixtures.patchA(), x)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL202");
            assertThat(f.message()).contains("patch_x (non-cumulative) patches vmlinux function cmdline_proc_show,0")
                    .contains("enabled patch patch_a").contains("patch_x's version runs")
                    .contains("only the last enabled patch can be disabled");
        });
        // a non-cumulative patch on top of a cumulative one stacks too
        assertThat(chain(check, Fixtures.patchB(), x)).singleElement().extracting(f -> f.message()).asString()
                .contains("enabled patch patch_b");
    }
}
