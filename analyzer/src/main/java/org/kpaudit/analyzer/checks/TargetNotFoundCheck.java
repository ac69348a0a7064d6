package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

@Rule(id = "KP105", name = "target-not-found", severity = Severity.NOTE,
        summary = "No target with the patch's build-id was given or found, so the target checks were skipped.",
        help = "The checks that compare a patch with its binary (sections, functions, sizes, imports, reachability)"
                + " need the exact binary the patch was built for. kpaudit looks among the --target files for one"
                + " with the header's build-id, then under --sysroot through .build-id links and by scanning ELF"
                + " files, then in --debug-dir and on the debuginfod servers. Without one those checks do not run,"
                + " and the run's verdict is INCOMPLETE rather than PASS. Give the right binary with --target, or the"
                + " root of the system the patch is for with --sysroot.")
public final class TargetNotFoundCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (p.targetStatus() == PatchSubject.TargetStatus.NOT_FOUND) {
            out.unverified(p.where(), "No target with build-id " + p.patch().header().buildId() + " was found among"
                    + " the given targets, so the checks against the binary (sections, functions, sizes, imports,"
                    + " reach) did not run. Pass the binary with --target or the system root with --sysroot.");
        } else if (p.targetStatus() == PatchSubject.TargetStatus.NOT_GIVEN) {
            out.unverified(p.where(), "No target was given (--target, --sysroot), so the checks against the binary"
                    + " with build-id " + p.patch().header().buildId() + " (sections, functions, sizes, imports,"
                    + " reach) did not run. Pass the binary with --target or the system root with --sysroot.");
        }
    }
}
