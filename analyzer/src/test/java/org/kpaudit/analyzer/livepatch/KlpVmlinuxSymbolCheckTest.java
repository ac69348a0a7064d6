package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpVmlinuxSymbolCheckTest {

    private final KlpVmlinuxSymbolCheck check = new KlpVmlinuxSymbolCheck();

    private static KlpModuleBuilder ext4(String vermagic, String sym) {
        KlpModuleBuilder b = new KlpModuleBuilder("lp").vermagic(vermagic);
        b.object("ext4").func("ext4_fill_super", 0);
        b.klpRela(".klp.rela.ext4..text").rel(KlpRel.livepatch(sym));
        b.klpRela(".klp.rela.vmlinux..text").rel(KlpRel.livepatch(".klp.sym.vmlinux.jiffies,0"));
        return b;
    }

    @Test
    void symbolsOfTheSectionsObjectPass() {
        assertThat(run(check, module("ok.ko", ext4("6.12.0", ".klp.sym.ext4.ext4_helper,1")))).isEmpty();
    }

    @Test
    void vmlinuxSymbolInModuleSection() {
        assertThat(run(check, module("v.ko", ext4("6.12.0", ".klp.sym.vmlinux.printk_once,0")))).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.message()).contains("invalid access to vmlinux symbol 'printk_once' from"
                            + " module-specific livepatch relocation section");
                    assertThat(f.location().section()).isEqualTo(".klp.rela.ext4..text");
                });
        assertThat(run(check, module("v.ko", ext4("5.4.0-150-generic SMP", ".klp.sym.vmlinux.printk_once,0"))))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
    }
}
