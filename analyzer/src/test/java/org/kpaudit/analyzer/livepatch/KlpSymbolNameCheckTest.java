package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpSymbolNameCheckTest {

    private final KlpSymbolNameCheck check = new KlpSymbolNameCheck();

    private static KlpModuleBuilder with(String vermagic, String... syms) {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show").vermagic(vermagic);
        KlpModuleBuilder.KlpRela r = b.klpRela(".klp.rela.vmlinux..text");
        for (String s : syms) {
            r.rel(KlpRel.livepatch(s));
        }
        return b;
    }

    @Test
    void wellFormedNamesPass() {
        assertThat(run(check, module("ok.ko", with("6.12.0 SMP", ".klp.sym.vmlinux.saved_command_line,0",
                ".klp.sym.vmlinux.foo.isra.0,2", ".klp.sym.vmlinux." + "s".repeat(511) + ",1")))).isEmpty();
        // 200 characters are fine on 6.1+
        assertThat(run(check, module("ok.ko", with("6.1.0-56-amd64 SMP", ".klp.sym.vmlinux." + "s".repeat(200) + ",1"))))
                .isEmpty();
    }

    @Test
    void malformedNames() {
        assertThat(run(check, module("bad.ko", with("6.12.0", ".klp.sym.vmlinux.saved_command_line",
                ".klp.sym.vmlinux_saved_command_line,0", ".klp.sym.vmlinux.x,abc"))))
                .extracting(Finding::message).satisfiesExactly(
                        m -> assertThat(m).contains("no ',<sympos>'").contains("has an incorrectly formatted name"),
                        m -> assertThat(m).contains("no '.' between"),
                        m -> assertThat(m).contains("not a decimal number"));
    }

    @Test
    void lengthLimitDependsOnTheKernelInVermagic() {
        String n512 = ".klp.sym.vmlinux." + "s".repeat(512) + ",1";
        assertThat(run(check, module("l.ko", with("6.12.0", n512)))).singleElement().extracting(Finding::message)
                .asString().contains("KSYM_NAME_LEN 512 for Linux 6.12");
        String n200 = ".klp.sym.vmlinux." + "s".repeat(200) + ",1";
        assertThat(run(check, module("l.ko", with("5.15.0-91-generic SMP mod_unload", n200)))).singleElement()
                .extracting(Finding::message).asString().contains("at most 127")
                .contains("KSYM_NAME_LEN 128 for Linux 5.15");
    }
}
