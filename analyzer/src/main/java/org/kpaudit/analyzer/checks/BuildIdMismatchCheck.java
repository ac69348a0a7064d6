package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KpatchHeader;

@Rule(id = "KP102", name = "build-id-mismatch", severity = Severity.ERROR,
        summary = "The header build-id differs from the target's GNU build-id.",
        help = "A patch is built against one exact binary: every address in it (sections, functions, GOT slots) is"
                + " that binary's. LibcarePlus applies a single patch file to each object whose build-id equals the"
                + " header's (kpatch-format.md 1.6), so a patch checked against another binary either never applies"
                + " or, if it was relabelled, jumps into the wrong code. Check that you picked the right target, or"
                + " rebuild the patch against this binary.")
public final class BuildIdMismatchCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (p.targetStatus() != PatchSubject.TargetStatus.MISMATCH || !p.hasTarget()) {
            return;
        }
        KpatchHeader h = p.patch().header();
        String theirs = p.target().buildId().orElse(null);
        out.report(p.at(h.buildIdOffset(), h.buildIdField()), "The patch is for build-id " + h.buildId() + ", but the"
                + " target " + p.target().path() + (theirs == null ? " has no GNU build-id note" : " has build-id "
                + theirs) + ". The patch was built against another binary; its addresses do not describe this one."
                + " Use the binary the patch was built for, or rebuild the patch against this one.");
    }
}
