package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;
import static org.kpaudit.analyzer.livepatch.Fixtures.vmlinux;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.VmlinuxWriter;

class KernelTargetsMissingCheckTest {

    private final KernelTargetsMissingCheck check = new KernelTargetsMissingCheck();

    @Test
    void aVmlinuxWithSymbolsAndFtraceSitesLeavesNothingUnchecked() {
        // patch-b patches vmlinux only (README: cmdline_proc_show, version_proc_show)
        VmlinuxWriter v = new VmlinuxWriter().function("cmdline_proc_show", 4L).function("version_proc_show", 0L);
        assertThat(run(check, Fixtures.patchB(), vmlinux(v))).isEmpty();
    }

    @Test
    void withoutTargetsTheKernelChecksAreSaidNotToHaveRun() {
        assertThat(run(check, Fixtures.patchB())).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL116");
            assertThat(f.kind()).isEqualTo(Finding.Kind.UNVERIFIED);
            assertThat(f.message()).contains("vmlinux: KL111 (no symbol list), KL110 (no ELF with its ftrace call sites)")
                    .contains("KL109 and KL115");
            assertThat(f.location().patch()).isEqualTo("patch_b");
        });
    }

    @Test
    void aSymbolListWithoutFtraceSitesStillLeavesKl110Unchecked() {
        assertThat(run(check, Fixtures.patchB(), Fixtures.text(
                "ffffffff81000000 T cmdline_proc_show\nffffffff81000100 T version_proc_show\n")))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("KL110")
                        .doesNotContain("KL111").doesNotContain("KL109 and KL115"));
    }
}
