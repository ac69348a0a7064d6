package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** Functions a cumulative patch drops, which the kernel reverts to the original code. */
@Rule(id = "KL201", name = "replace-reverts-function", severity = Severity.WARNING,
        summary = "A cumulative patch does not patch a function an earlier patch patches: it will be reverted.",
        help = "A cumulative patch (klp_patch.replace = true) replaces every enabled patch in one transition. For each"
                + " function an enabled patch changes (object, old_name, old_sympos) that the new patch lacks,"
                + " klp_add_nops() adds a nop entry, and when the transition completes the function runs its original"
                + " code again: the earlier fix is withdrawn. That may be intended (a fix no longer needed, or moved"
                + " into another function), so a person must confirm each one; otherwise add the function to the"
                + " cumulative patch. Source: kernel/livepatch/core.c klp_add_nops(), Documentation/livepatch/"
                + "cumulative-patches.rst; klp-format.md section 3.1 and rules R1, R3.")
public final class ReplaceRevertsCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        for (LivepatchChain.Step st : chain.steps()) {
            for (LivepatchChain.FunctionStep f : st.functions(LivepatchChain.FunctionChange.REVERTED)) {
                out.report(st.location().withFunction(f.key().name()), st.module().displayName() + " is cumulative"
                        + " (replace = true) and does not patch " + f.key().object() + " function " + f.key().name()
                        + "," + Long.toUnsignedString(f.key().sympos()) + ", which " + names(f.previous())
                        + " patches: when " + st.module().displayName() + " is enabled the kernel reverts "
                        + f.key().name() + " to its original code. Confirm that the change from " + names(f.previous())
                        + " is no longer needed, or add " + f.key().name() + " to " + st.module().displayName() + ".");
            }
        }
    }
}
