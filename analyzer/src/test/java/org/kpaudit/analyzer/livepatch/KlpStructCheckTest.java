package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;

class KlpStructCheckTest {

    private final KlpStructCheck check = new KlpStructCheck();

    @Test
    void realModulesPass() {
        assertThat(run(check, Fixtures.patchA())).isEmpty();
        assertThat(run(check, Fixtures.patchB())).isEmpty();
    }

    @Test
    void nullPointersAndLongNames() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).rawFunc("no_new_func", 0, null).rawFunc(null, 1, "orphan_new").func("x".repeat(512), 0);
        b.object("ext4").funcsNull();
        assertThat(run(check, module("n.ko", b))).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("no_new_func of vmlinux has new_func == NULL"),
                m -> assertThat(m).contains("has old_name == NULL"),
                m -> assertThat(m).contains("old_name is 512 characters"),
                m -> assertThat(m).contains("klp_object ext4 has funcs == NULL"));
    }
}
