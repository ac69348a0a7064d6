package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;

class DuplicateFunctionCheckTest {

    private final DuplicateFunctionCheck check = new DuplicateFunctionCheck();

    @Test
    void distinctFunctionsPass() {
        assertThat(run(check, Fixtures.patchB())).isEmpty();
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).func("show_one", 1).rawFunc("show_one", 2, "new_show_one_2");
        assertThat(run(check, module("ok.ko", b))).isEmpty();
    }

    @Test
    void symposZeroAndOneShareASysfsDirectory() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).func("show_one", 0).rawFunc("show_one", 1, "new_show_one_1");
        assertThat(run(check, module("d.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("show_one,1 duplicates show_one,0").contains("sysfs directory show_one,1");
    }

    @Test
    void sameObjectTwice() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object("ext4").func("a", 0);
        b.object("ext4").func("b", 0);
        assertThat(run(check, module("o.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("Object ext4 is listed twice");
    }
}
