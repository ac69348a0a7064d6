package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.LivepatchModule;

/** Modules of one chain built for different kernels. */
@Rule(id = "KL207", name = "vermagic-mismatch", severity = Severity.ERROR,
        summary = "Modules of one chain were built for different kernels (their vermagic differs).",
        help = "A chain describes patches loaded one after another into one running kernel, but the module loader"
                + " accepts a module only when its vermagic (kernel release and configuration words) matches the"
                + " kernel, and with CONFIG_MODVERSIONS only when its symbol CRCs match; modules built for different"
                + " kernels cannot all load into the same one, so the chain analysis does not describe a real"
                + " sequence. Check the chain against modules built for the same kernel. Source: klp-format.md"
                + " section 1.1 and rule R10 in section 3.3.")
public final class VermagicMismatchCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        LivepatchModule first = null;
        for (LivepatchChain.Step st : chain.steps()) {
            LivepatchModule m = st.module();
            if (m.vermagic() == null) {
                continue;
            }
            if (first == null) {
                first = m;
                continue;
            }
            if (!m.vermagic().strip().equals(first.vermagic().strip())) {
                out.report(st.location(), m.displayName() + " (" + m.path() + ") was built with vermagic \""
                        + m.vermagic().strip() + "\" but " + first.displayName() + " (" + first.path() + ") with \""
                        + first.vermagic().strip() + "\": they cannot both load into one kernel. Check the chain with"
                        + " modules built for the same kernel.");
            }
        }
    }
}
