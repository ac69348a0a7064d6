package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpRelaTargetCheckTest {

    private final KlpRelaTargetCheck check = new KlpRelaTargetCheck();

    private static KlpModuleBuilder.KlpRela rela(KlpModuleBuilder b) {
        return b.klpRela(".klp.rela.vmlinux..text").rel(KlpRel.livepatch(".klp.sym.vmlinux.saved_command_line,0"));
    }

    @Test
    void textTargetPasses() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b);
        assertThat(run(check, module("ok.ko", b))).isEmpty();
    }

    @Test
    void outOfRangeTarget() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b).info(999);
        assertThat(run(check, module("t.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("sh_info 999, which names no section");
    }

    @Test
    void unallocatedTarget() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b).info(".symtab");
        assertThat(run(check, module("t.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains(".symtab, which is not loaded");
    }
}
