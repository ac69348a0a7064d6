package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC105: an applied patch differs from the patch file of the same id and build-id. */
@Rule(id = "SC105", name = "applied-patch-differs", severity = Severity.ERROR,
        summary = "An applied patch differs from the .kpatch file with the same id and build-id (--patches).",
        help = "With --patches DIR, every applied patch is compared with the .kpatch file of DIR that has the same"
                + " header id and build-id: the header (apart from its run-time fields), the info records (names,"
                + " sizes, where the new code lies) and the read-only .kpatch sections of the ELF copy (new code,"
                + " names) outside the places the loader relocates. A difference means the code running in the"
                + " process is not the reviewed patch: it was changed after it was applied, or another build was"
                + " applied under the same id. Find out which build was applied, and restart the process or unpatch"
                + " and re-apply the reviewed file.")
public final class AppliedPatchDiffersCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (PatchRegion r : s.regions()) {
            if (r.disk() == null || r.disk().same()) {
                continue;
            }
            out.report(at(s, r.fileOffset(), r.size()).withPatch(r.label()),
                    "Applied patch " + r.label() + " at " + hex(r.address()) + " differs from " + r.disk().file()
                            + ", which has the same id and build-id: " + String.join("; ", r.disk().differences())
                            + ". The code in the process is not that file. Find out which build was applied, and"
                            + " restart the process or unpatch and re-apply the reviewed file.");
        }
    }
}
