package org.kpaudit.analyzer.livepatch;

import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** A patch in a chain whose replace flag the file does not record. */
@Rule(id = "KL206", name = "replace-unknown", severity = Severity.NOTE,
        summary = "A patch loaded after others has a replace flag the file does not record (kpatch-built module).",
        help = "kpatch-built modules allocate their klp_patch at run time and set replace from a constant in code"
                + " (livepatch-patch-hook.c: KLP_REPLACE_ENABLE, true unless kpatch-build ran with -R /"
                + " --non-replace), so the chain analysis cannot tell whether such a patch replaces the patches before"
                + " it or stacks on them; it is analysed as stacking, and this note lists what it reverts if it is"
                + " cumulative. Find out how it was built. Source: klp-format.md sections 2.3 and 4.4.")
public final class ReplaceUnknownCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        for (LivepatchChain.Step st : chain.steps()) {
            if (st.replace() != null || st.module().patch() == null || st.enabledBefore().isEmpty()) {
                continue;
            }
            List<String> reverts = st.wouldRevert().stream().map(Object::toString).toList();
            out.report(st.location(), st.module().displayName() + " does not record its replace flag (kpatch-built;"
                    + " kpatch-build makes cumulative patches unless run with -R). If it is cumulative it replaces "
                    + names(st.enabledBefore()) + (reverts.isEmpty() ? " and reverts nothing"
                            : " and reverts " + String.join(", ", reverts)) + "; if not, it stacks on them. Check how it"
                    + " was built.");
        }
    }
}
