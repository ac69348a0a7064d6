package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;
import static org.kpaudit.analyzer.livepatch.Fixtures.text;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.testing.KlpModuleBuilder;

class OldFunctionCheckTest {

    private final OldFunctionCheck check = new OldFunctionCheck();

    @Test
    void resolvableFunctionsPass() {
        KernelSymbols map = text("ffffffff81390a10 t cmdline_proc_show\nffffffff81391000 t version_proc_show\n");
        // patch-b: cmdline_proc_show sympos 0 (unique), version_proc_show sympos 1 (first)
        assertThat(run(check, Fixtures.patchB(), map)).isEmpty();
        // Module.symvers has exports only: it cannot tell
        assertThat(run(check, Fixtures.patchB(), text("0x1\tseq_write\tvmlinux\tEXPORT_SYMBOL\t\n"))).isEmpty();
    }

    @Test
    void notFound() {
        KernelSymbols map = text("ffffffff81391000 t version_proc_show\n");
        assertThat(run(check, Fixtures.patchB(), map)).singleElement().extracting(Finding::message).asString()
                .contains("symbol 'cmdline_proc_show' not found in symbol table");
    }

    @Test
    void ambiguousWithSymposZero() {
        KernelSymbols map = text("ffffffff81390a10 t cmdline_proc_show\nffffffff81399a10 t cmdline_proc_show\n"
                + "ffffffff81391000 t version_proc_show\nffffffff81392000 t version_proc_show\n");
        // version_proc_show,1 picks the first of two: fine; cmdline_proc_show,0 is ambiguous
        assertThat(run(check, Fixtures.patchB(), map)).singleElement().extracting(Finding::message).asString()
                .contains("unresolvable ambiguity for symbol 'cmdline_proc_show' in object '(null)'");
    }

    @Test
    void positionOutOfRange() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).func("show_one", 3);
        KernelSymbols map = text("ffffffff81000000 t show_one\nffffffff81000100 t show_one\n");
        assertThat(run(check, module("p.ko", b), map)).singleElement().extracting(Finding::message).asString()
                .contains("symbol position 3 for symbol 'show_one' in object '(null)' not found");
    }
}
