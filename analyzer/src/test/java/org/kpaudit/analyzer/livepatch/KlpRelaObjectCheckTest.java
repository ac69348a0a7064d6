package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpRelaObjectCheckTest {

    private final KlpRelaObjectCheck check = new KlpRelaObjectCheck();

    private static KlpModuleBuilder withExt4(String relaObject) {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).func("cmdline_proc_show", 0);
        b.object("ext4").func("ext4_fill_super", 0);
        b.klpRela(".klp.rela." + relaObject + "..text").rel(KlpRel.livepatch(".klp.sym." + relaObject + ".x,0"));
        b.klpRela(".klp.rela.vmlinux..text").rel(KlpRel.livepatch(".klp.sym.vmlinux.y,0"));
        return b;
    }

    @Test
    void sectionsForPatchedObjectsPass() {
        assertThat(run(check, module("ok.ko", withExt4("ext4")))).isEmpty();
    }

    @Test
    void sectionForAnotherModuleIsNeverApplied() {
        assertThat(run(check, module("x.ko", withExt4("xfs")))).singleElement().extracting(Finding::message)
                .asString().contains("for module xfs, but the patch has no klp_object for xfs (it patches ext4,"
                        + " vmlinux)");
    }
}
