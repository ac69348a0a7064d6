package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KlpModuleBuilder;

class StateCompatibilityCheckTest {

    private final StateCompatibilityCheck check = new StateCompatibilityCheck();

    @Test
    void introducedKeptOrUpgradedStatesPass() {
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
        var up = module("c.ko", Fixtures.simple("patch_c", true, "cmdline_proc_show", "version_proc_show")
                .state(0x5eed, 2));
        assertThat(chain(check, Fixtures.patchB(), up)).isEmpty();
        // a non-cumulative patch may leave the state out
        assertThat(chain(check, Fixtures.patchB(), module("d.ko", Fixtures.simple("patch_d", false, "f")))).isEmpty();
    }

    @Test
    void cumulativePatchDroppingAState() {
        var c = module("c.ko", Fixtures.simple("patch_c", true, "cmdline_proc_show", "version_proc_show"));
        assertThat(chain(check, Fixtures.patchB(), c)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL204");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("does not declare system state 0x5eed (version 1 in patch_b)")
                    .contains("Livepatch patch (patch_c) is not compatible with the already installed livepatches.");
        });
    }

    @Test
    void lowerVersion() {
        KlpModuleBuilder d = Fixtures.simple("patch_d", false, "f").state(0x5eed, 0);
        assertThat(chain(check, Fixtures.patchB(), module("d.ko", d))).singleElement().extracting(f -> f.message())
                .asString().contains("version 0, lower than version 1 in patch_b");
    }

    @Test
    void unknownReplaceIsAWarning() {
        var k = module("k.ko", Fixtures.simple("patch_k", false, "cmdline_proc_show").kpatchStyle(true));
        assertThat(chain(check, Fixtures.patchB(), k)).singleElement().extracting(f -> f.severity())
                .isEqualTo(Severity.WARNING);
    }
}
