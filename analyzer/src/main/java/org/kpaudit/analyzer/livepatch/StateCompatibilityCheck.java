package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** klp_state ids of enabled patches not covered by a new patch, or covered at a lower version. */
@Rule(id = "KL204", name = "state-not-covered", severity = Severity.ERROR,
        summary = "A patch drops a system state (klp_state) of an enabled patch, or declares it at a lower version.",
        help = "Before enabling a patch the kernel checks every klp_state of every enabled patch"
                + " (kernel/livepatch/state.c klp_is_patch_compatible()): the new patch must declare the same id with"
                + " a version at least as high; a non-cumulative patch may leave the id out, a cumulative one may not."
                + " Otherwise it refuses the patch with \"Livepatch patch (%s) is not compatible with the already"
                + " installed livepatches.\" Declare the state in the new patch with a version no lower than the"
                + " enabled one, and take over its handling (callbacks, shadow variables). Source:"
                + " Documentation/livepatch/system-state.rst; klp-format.md section 3.2, rule R4.")
public final class StateCompatibilityCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        for (LivepatchChain.Step st : chain.steps()) {
            String me = st.module().displayName();
            for (LivepatchChain.StateStep s : st.states()) {
                String id = hex(s.id());
                switch (s.change()) {
                    case DROPPED -> out.report(st.location(), me + " is cumulative but does not declare system state "
                            + id + " (version " + s.previousVersion() + " in " + names(s.previous()) + "): the kernel"
                            + " refuses it with \"Livepatch patch (" + me + ") is not compatible with the already"
                            + " installed livepatches.\" Declare state " + id + " with version " + s.previousVersion()
                            + " or higher in " + me + " and take over what it stands for.");
                    case DOWNGRADED -> out.report(st.location(), me + " declares system state " + id + " version "
                            + s.version() + ", lower than version " + s.previousVersion() + " in " + names(s.previous())
                            + ": the kernel refuses it with \"Livepatch patch (" + me + ") is not compatible with the"
                            + " already installed livepatches.\" Declare version " + s.previousVersion()
                            + " or higher.");
                    case UNDECLARED -> out.report(Severity.WARNING, st.location(), me + " does not declare system"
                            + " state " + id + " (version " + s.previousVersion() + " in " + names(s.previous())
                            + ") and its replace flag is unknown (kpatch-built): if it is cumulative, which is"
                            + " kpatch-build's default, the kernel refuses it with \"Livepatch patch (" + me + ") is not"
                            + " compatible with the already installed livepatches.\"");
                    default -> {
                    }
                }
            }
        }
    }
}
