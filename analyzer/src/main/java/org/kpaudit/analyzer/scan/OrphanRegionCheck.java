package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC104: a patch region that no mapped object accounts for. */
@Rule(id = "SC104", name = "orphan-patch-region", severity = Severity.WARNING,
        summary = "A patch region is mapped but belongs to no mapped object.",
        help = "libcare-ctl associates each patch region with the mapped object whose build-id equals the header's"
                + " (kpatch-format.md 7.3). A region whose build-id matches no mapped object, and whose records point"
                + " into no mapped object, is executable code nothing accounts for: its library was unloaded while"
                + " patched, or the header was altered. libcare-ctl info does not show it and unpatch cannot remove"
                + " it. Find out how it got there (compare with the patch files using --patches), and restart the"
                + " process to remove it.")
public final class OrphanRegionCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        long unknown = s.objects().stream().filter(o -> o.buildId() == null).count();
        for (PatchRegion r : s.regions()) {
            if (r.object() != null || r.patchedObject() != null) {
                continue;
            }
            out.report(at(s, r.fileOffset(), r.header().headerSize()).withPatch(r.label()),
                    "The patch region at " + hex(r.address()) + " (patch " + r.label() + ", build-id "
                            + r.header().buildId() + ") belongs to no mapped object: no object has that build-id"
                            + (unknown > 0 ? " (" + unknown + " objects' build-ids could not be read; --sysroot may"
                                    + " tell)" : "")
                            + " and none of its " + r.records().size() + " records points into a mapped object."
                            + " libcare-ctl cannot list or unpatch it. Find out where it came from (--patches) and"
                            + " restart the process to remove it.");
        }
    }
}
