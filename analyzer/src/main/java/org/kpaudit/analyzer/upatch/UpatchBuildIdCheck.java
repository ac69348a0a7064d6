package org.kpaudit.analyzer.upatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** UP104: the target's build-id in the patch is not the target's. */
@Rule(id = "UP104", name = "upatch-build-id", severity = Severity.ERROR,
        summary = "The build-id recorded in the patch (its copied notes) is not the target's, or is missing.",
        help = "upatch-build copies every note of the target's debuginfo into the patch, the GNU build-id among them"
                + " (create_note()), but upatch-manage no longer checks it (removed in 63bc16a): a patch applied to"
                + " another build of the program patches the wrong addresses. kpaudit compares the recorded build-id"
                + " with the target given (--target, --sysroot); without a recorded one the identity cannot be"
                + " checked (a warning). Use the binary the patch was built for. Source: upatch-format.md sections 1"
                + " and 6.")
public final class UpatchBuildIdCheck extends UpatchCheck {

    @Override
    public void check(UpatchSubject s, Findings out) {
        String mine = s.patch().targetBuildId();
        if (mine == null) {
            out.report(Severity.WARNING, s.where(), s.display() + " carries no GNU build-id note of its target, so"
                    + " which binary it was built for cannot be checked; upatch-build copies it from the target's"
                    + " debuginfo. Rebuild the patch with the debuginfo of the target.");
            return;
        }
        if (s.target() == null) {
            return;
        }
        String theirs = s.target().buildId().orElse(null);
        if (!mine.equals(theirs)) {
            out.report(s.where(), s.display() + " was built for build-id " + mine + ", but the target " + s.targetPath()
                    + " has " + (theirs == null ? "no build-id" : "build-id " + theirs) + ". upatch-manage no longer"
                    + " checks this and would patch the wrong addresses; use the binary the patch was built for.");
        }
    }
}
