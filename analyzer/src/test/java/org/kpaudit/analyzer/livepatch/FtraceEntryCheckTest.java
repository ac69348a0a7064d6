package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;
import static org.kpaudit.analyzer.livepatch.Fixtures.vmlinux;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.VmlinuxWriter;

class FtraceEntryCheckTest {

    private final FtraceEntryCheck check = new FtraceEntryCheck();

    @Test
    void functionsWithFtraceSitesPass() {
        // cmdline_proc_show with a site at +4 (after endbr64), version_proc_show at +0
        VmlinuxWriter v = new VmlinuxWriter().function("cmdline_proc_show", 4L).function("version_proc_show", 0L);
        assertThat(run(check, Fixtures.patchB(), vmlinux(v))).isEmpty();
        // without a vmlinux nothing can be said
        assertThat(run(check, Fixtures.patchB())).isEmpty();
    }

    @Test
    void functionWithoutSiteCannotBePatched() {
        VmlinuxWriter v = new VmlinuxWriter().function("cmdline_proc_show", null).function("version_proc_show", 0L);
        assertThat(run(check, Fixtures.patchB(), vmlinux(v))).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL110");
            assertThat(f.message()).contains("failed to find location for function 'cmdline_proc_show'")
                    .contains("0x" + Long.toHexString(VmlinuxWriter.address(0)));
            assertThat(f.location().function()).isEqualTo("cmdline_proc_show");
            assertThat(f.location().patch()).isEqualTo("patch_b");
        });
    }

    @Test
    void moduleObjectAgainstTheRealModule() {
        // patch-b.ko as the patched module: pb_cmdline_show has its __mcount_loc site at +4 (README),
        // __pfx_pb_cmdline_show (the CALL_PADDING NOPs) has none
        KlpModuleBuilder ok = new KlpModuleBuilder("lp");
        ok.object("patch_b").func("pb_cmdline_show", 0);
        assertThat(run(check, module("ok.ko", ok), Fixtures.elfTarget("klp/patch-b/patch-b.ko"))).isEmpty();
        KlpModuleBuilder bad = new KlpModuleBuilder("lp");
        bad.object("patch_b").func("__pfx_pb_cmdline_show", 0);
        assertThat(run(check, module("bad.ko", bad), Fixtures.elfTarget("klp/patch-b/patch-b.ko"))).singleElement()
                .extracting(Finding::message).asString().contains("patch_b function __pfx_pb_cmdline_show");
    }
}
