package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.livepatch.LivepatchChain.FunctionChange;
import org.kpaudit.analyzer.livepatch.LivepatchChain.FunctionStep;
import org.kpaudit.analyzer.livepatch.LivepatchChain.StateChange;
import org.kpaudit.analyzer.livepatch.LivepatchChain.Step;
import org.kpaudit.model.LivepatchModule;

/**
 * patch-a then patch-b, the chain of samples/klp. Facts from patch-b/README.md "Relation to
 * patch-a": patch-b carries cmdline_proc_show with the same old_sympos 0, so replacing patch-a
 * reverts nothing; it adds version_proc_show (sympos 1); patch-a declares no states, so the
 * state check passes; patch-b introduces state 0x5eed version 1.
 */
class ChainAcceptanceTest {

    @Test
    void patchBReplacesPatchA() {
        LivepatchModule a = Fixtures.patchA();
        LivepatchModule b = Fixtures.patchB();
        LivepatchAnalyzer.Report r = LivepatchAnalyzer.run(List.of(a, b), List.of());
        // no defect; without --target the checks against the kernel did not run, and each module says so
        assertThat(r.findings()).extracting(f -> f.checkId() + " " + f.location().file().replaceAll(".*/", ""))
                .containsExactly("KL116 patch-a.ko", "KL116 patch-b.ko");
        assertThat(r.findings()).allMatch(org.kpaudit.analyzer.Finding::unverified);
        assertThat(r.notifications()).isEmpty();
        List<Step> steps = r.chain().steps();
        assertThat(steps).hasSize(2);

        Step first = steps.get(0);
        assertThat(first.replace()).isFalse();
        assertThat(first.enabledBefore()).isEmpty();
        assertThat(first.functions()).singleElement().satisfies(f -> {
            assertThat(f.key().name()).isEqualTo("cmdline_proc_show");
            assertThat(f.change()).isEqualTo(FunctionChange.ADDED);
        });

        Step second = steps.get(1);
        assertThat(second.replace()).isTrue();
        assertThat(second.replaced()).extracting(LivepatchModule::name).containsExactly("patch_a");
        assertThat(second.functions()).extracting(f -> f.key().object(), f -> f.key().name(), f -> f.key().sympos(),
                FunctionStep::change).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("vmlinux", "cmdline_proc_show", 0L, FunctionChange.KEPT),
                        org.assertj.core.groups.Tuple.tuple("vmlinux", "version_proc_show", 1L, FunctionChange.ADDED));
        assertThat(second.functions().get(0).previous()).extracting(LivepatchModule::name).containsExactly("patch_a");
        assertThat(second.functions(FunctionChange.REVERTED)).isEmpty();
        assertThat(second.states()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(0x5eed);
            assertThat(s.version()).isEqualTo(1);
            assertThat(s.change()).isEqualTo(StateChange.INTRODUCED);
        });
        // patch-a has no callbacks, so nothing is skipped
        assertThat(second.skippedCallbacks()).isEmpty();
        // every livepatch rule ran: 16 module checks (KL101-KL116) and 7 chain checks (KL201-KL207)
        assertThat(r.rules()).hasSize(23);
    }

    @Test
    void the61BuildOfPatchAChainsTheSameWay() {
        LivepatchChain c = LivepatchChain.of(List.of(Fixtures.patchA61(), Fixtures.patchB()));
        assertThat(c.steps().get(1).functions(FunctionChange.KEPT)).singleElement()
                .extracting(f -> f.key().name()).isEqualTo("cmdline_proc_show");
    }
}
