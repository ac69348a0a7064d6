package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.chain;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KlpModuleBuilder;

class SymposMismatchCheckTest {

    private final SymposMismatchCheck check = new SymposMismatchCheck();

    @Test
    void sameSymposPasses() {
        // patch-a and patch-b both use cmdline_proc_show,0
        assertThat(chain(check, Fixtures.patchA(), Fixtures.patchB())).isEmpty();
    }

    @Test
    void zeroAndOneAreAWarning() {
        KlpModuleBuilder c = new KlpModuleBuilder("patch_c").replace(true);
        c.object(null).func("cmdline_proc_show", 1);
        assertThat(chain(check, Fixtures.patchA(), module("c.ko", c))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("cmdline_proc_show,1 in patch_c but cmdline_proc_show,0 in patch_a")
                    .contains("before 6.19");
        });
    }

    @Test
    void otherPositionsAreANote() {
        KlpModuleBuilder c = new KlpModuleBuilder("patch_c").replace(true);
        c.object(null).func("version_proc_show", 2);
        // patch-b has version_proc_show,1
        assertThat(chain(check, Fixtures.patchB(), module("c.ko", c))).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
    }
}
