package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpRelaSectionNameCheckTest {

    private final KlpRelaSectionNameCheck check = new KlpRelaSectionNameCheck();

    private static KlpModuleBuilder with(String section) {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        b.klpRela(section).rel(KlpRel.livepatch(".klp.sym.vmlinux.saved_command_line,0"));
        return b;
    }

    @Test
    void wellNamedSectionsPass() {
        assertThat(run(check, Fixtures.patchA())).isEmpty();
        // the builder's .klp.rela sections apply to .text, so .<target> is ".text"
        assertThat(run(check, module("ok.ko", with(".klp.rela.vmlinux..text")))).isEmpty();
    }

    @Test
    void flaggedSectionWithoutThePrefixIsAnError() {
        KlpModuleBuilder b = with(".rela.livepatch.text");
        List<Finding> f = run(check, module("bad.ko", b));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.checkId()).isEqualTo("KL101");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("section .rela.livepatch.text has an incorrectly formatted name");
            assertThat(x.location().section()).isEqualTo(".rela.livepatch.text");
            assertThat(x.location().byteOffset()).isPositive();
        });
        assertThat(run(check, module("bad.ko", with(".klp.rela..text")))).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void missingOrDifferentTargetSuffixIsAWarning() {
        assertThat(run(check, module("w.ko", with(".klp.rela.vmlinux")))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("but not the section it patches");
        });
        assertThat(run(check, module("w.ko", with(".klp.rela.vmlinux..text.other_fn")))).singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                    assertThat(x.message()).contains("named for section .text.other_fn").contains("sh_info");
                });
    }
}
