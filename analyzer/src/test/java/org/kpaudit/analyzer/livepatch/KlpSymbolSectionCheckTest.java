package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpSymbolSectionCheckTest {

    private final KlpSymbolSectionCheck check = new KlpSymbolSectionCheck();

    @Test
    void livepatchSymbolsPass() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        b.klpRela(".klp.rela.vmlinux..text").rel(KlpRel.livepatch(".klp.sym.vmlinux.saved_command_line,0"));
        assertThat(run(check, module("ok.ko", b))).isEmpty();
        assertThat(run(check, Fixtures.patchA())).isEmpty();
    }

    @Test
    void plainSymbolInKlpRela() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        b.klpRela(".klp.rela.vmlinux..text").rel(new KlpRel("saved_command_line", 0, KlpModuleBuilder.R_X86_64_PC32))
                .rel(new KlpRel("saved_command_line", 0, KlpModuleBuilder.R_X86_64_PC32));
        assertThat(run(check, module("p.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("symbol saved_command_line is not marked as a livepatch symbol")
                .contains("undefined (SHN_UNDEF)");
    }

    @Test
    void undefinedKlpSymSymbol() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "cmdline_proc_show");
        b.klpRela(".klp.rela.vmlinux..text").rel(new KlpRel(".klp.sym.vmlinux.saved_command_line,0", 0,
                KlpModuleBuilder.R_X86_64_PC32));
        // reported once, for the relocation (the symbol is both unmarked and undefined)
        assertThat(run(check, module("u.ko", b))).singleElement().extracting(Finding::message).asString()
                .contains("is not marked as a livepatch symbol");
    }
}
