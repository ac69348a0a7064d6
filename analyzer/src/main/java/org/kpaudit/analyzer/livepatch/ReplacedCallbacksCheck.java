package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** Unpatch callbacks of patches a cumulative patch replaces. */
@Rule(id = "KL205", name = "replaced-callbacks-skipped", severity = Severity.WARNING,
        summary = "A cumulative patch replaces a patch whose unpatch callbacks will then never run.",
        help = "When a cumulative patch replaces enabled patches, only the new patch's callbacks run; the replaced"
                + " patches' pre_unpatch and post_unpatch callbacks are not called (Documentation/livepatch/"
                + "cumulative-patches.rst, Limitations), although their module_exit still runs at rmmod. Cleanup those"
                + " callbacks do (undoing state, freeing shadow variables) must be done by the new patch's callbacks"
                + " instead. Check that it is. Source: klp-format.md section 3.1, rule R5.")
public final class ReplacedCallbacksCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        for (LivepatchChain.Step st : chain.steps()) {
            for (LivepatchChain.SkippedCallbacks sc : st.skippedCallbacks()) {
                StringBuilder cbs = new StringBuilder();
                sc.callbacks().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
                    if (cbs.length() > 0) {
                        cbs.append(", ");
                    }
                    cbs.append(e.getKey()).append(" = ").append(e.getValue().display());
                });
                out.report(st.location(), st.module().displayName() + " replaces " + sc.module().displayName()
                        + ", whose " + sc.object().objectName() + " callbacks " + cbs + " will never run: only "
                        + st.module().displayName() + "'s callbacks run on replacement. Make sure "
                        + st.module().displayName() + " does the cleanup they did.");
            }
        }
    }
}
