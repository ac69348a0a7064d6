package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpRelaSectionFlagsCheckTest {

    private final KlpRelaSectionFlagsCheck check = new KlpRelaSectionFlagsCheck();

    private static KlpModuleBuilder.KlpRela rela(KlpModuleBuilder b) {
        return b.klpRela(".klp.rela.vmlinux..text").rel(KlpRel.livepatch(".klp.sym.vmlinux.saved_command_line,0"));
    }

    @Test
    void generatorFlagsPass() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b); // SHF_RELA_LIVEPATCH | SHF_INFO_LINK | SHF_ALLOC, SHT_RELA
        assertThat(run(check, module("ok.ko", b))).isEmpty();
        assertThat(run(check, Fixtures.patchB())).isEmpty();
    }

    @Test
    void missingLivepatchFlag() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b).flags(KlpModuleBuilder.SHF_ALLOC | KlpModuleBuilder.SHF_INFO_LINK);
        assertThat(run(check, module("f.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("lacks SHF_RELA_LIVEPATCH");
    }

    @Test
    void missingAlloc() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b).flags(KlpModuleBuilder.SHF_RELA_LIVEPATCH | KlpModuleBuilder.SHF_INFO_LINK);
        assertThat(run(check, module("f.ko", b))).singleElement().satisfies(x -> {
            assertThat(x.checkId()).isEqualTo("KL102");
            assertThat(x.message()).contains("lacks SHF_ALLOC");
        });
    }

    @Test
    void notRela() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        rela(b).type(1);
        assertThat(run(check, module("f.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("SHT_PROGBITS, not SHT_RELA");
    }
}
