package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** The same function patched by a non-cumulative patch on top of an enabled one. */
@Rule(id = "KL202", name = "stacking-conflict", severity = Severity.WARNING,
        summary = "A non-cumulative patch patches a function an enabled patch already patches (stacking).",
        help = "Without replace, patches stack: every patched function keeps a stack of klp_funcs and the patch"
                + " enabled last runs (kernel/livepatch/patch.c klp_patch_func(), func_stack). Disabling the newest"
                + " patch brings back the previous patch's version, not the original, and the result depends on load"
                + " order. Kernels before 5.1, and openEuler's stack mode (CONFIG_LIVEPATCH_STACK), also allow only the"
                + " last enabled patch to be disabled (\"only the last enabled patch can be disabled\"), so patches"
                + " must be disabled in reverse load order. Prefer one cumulative patch (replace = true) that carries"
                + " every fix. Source: klp-format.md sections 1.7 and 3.1, rule R7.")
public final class StackingConflictCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        for (LivepatchChain.Step st : chain.steps()) {
            for (LivepatchChain.FunctionStep f : st.functions(LivepatchChain.FunctionChange.STACKED)) {
                String me = st.module().displayName();
                String mode = st.replace() == null ? "whose replace flag is unknown (kpatch-built; treated here as"
                        + " non-cumulative)" : "non-cumulative";
                out.report(st.location().withFunction(f.key().name()), me + " (" + mode + ") patches "
                        + f.key().object() + " function " + f.key().name() + "," + Long.toUnsignedString(f.key().sympos())
                        + ", which enabled patch " + names(f.previous()) + " also patches: the patches stack and "
                        + me + "'s version runs because it is enabled last. Disabling " + me + " restores the version of "
                        + names(f.previous()) + ", not the original; on kernels before 5.1 and on openEuler's stack"
                        + " mode only the last enabled patch can be disabled, so they must be disabled in reverse"
                        + " order. Consider a cumulative patch (replace = true) that carries both changes.");
            }
        }
    }
}
