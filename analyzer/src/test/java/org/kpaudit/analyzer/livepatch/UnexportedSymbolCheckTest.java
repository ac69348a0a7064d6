package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;
import static org.kpaudit.analyzer.livepatch.Fixtures.text;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.testing.KlpModuleBuilder;

class UnexportedSymbolCheckTest {

    private final UnexportedSymbolCheck check = new UnexportedSymbolCheck();

    // patch-a/README.md: the undefined symbols are klp_enable_patch, __fentry__, __x86_return_thunk, seq_write
    private static final String SYMVERS = "0x00000000\tklp_enable_patch\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
            + "0x00000000\t__fentry__\tvmlinux\tEXPORT_SYMBOL\t\n"
            + "0x00000000\t__x86_return_thunk\tvmlinux\tEXPORT_SYMBOL\t\n";

    @Test
    void exportedSymbolsPass() {
        KernelSymbols symvers = text(SYMVERS + "0x00000000\tseq_write\tvmlinux\tEXPORT_SYMBOL\t\n");
        assertThat(run(check, Fixtures.patchA(), symvers)).isEmpty();
        // System.map: exports are the __ksymtab_ entries
        KernelSymbols map = text("ffffffff81000000 T klp_enable_patch\nffffffff82000000 r __ksymtab_klp_enable_patch\n"
                + "ffffffff82000010 r __ksymtab___fentry__\nffffffff82000020 r __ksymtab___x86_return_thunk\n"
                + "ffffffff82000030 r __ksymtab_seq_write\n");
        assertThat(run(check, Fixtures.patchA(), map)).isEmpty();
        // nothing to compare with: nothing reported
        assertThat(run(check, Fixtures.patchA())).isEmpty();
    }

    @Test
    void unexportedSymbolIsRefusedByTheLoader() {
        assertThat(run(check, Fixtures.patchA(), text(SYMVERS))).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL109");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("Unknown symbol seq_write");
            assertThat(f.location().symbol()).isEqualTo("seq_write");
            assertThat(f.location().section()).isEqualTo(".symtab");
        });
    }

    @Test
    void dependencyNotCoveredMakesItAWarning() {
        KlpModuleBuilder b = Fixtures.simple("lp", false, "f").modinfo("depends", "libfoo").undefined("foo_helper");
        KernelSymbols map = text("ffffffff81000000 T klp_enable_patch\nffffffff82000000 r __ksymtab_klp_enable_patch\n");
        assertThat(run(check, module("d.ko", b), map)).singleElement().extracting(Finding::severity)
                .isEqualTo(Severity.WARNING);
        // a Module.symvers that lists libfoo's exports covers it: then the missing export is an error
        KernelSymbols symvers = text("0x0\tklp_enable_patch\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
                + "0x0\tfoo_other\tdrivers/misc/libfoo\tEXPORT_SYMBOL\t\n");
        assertThat(run(check, module("d.ko", b), symvers)).singleElement().extracting(Finding::severity)
                .isEqualTo(Severity.ERROR);
    }
}
