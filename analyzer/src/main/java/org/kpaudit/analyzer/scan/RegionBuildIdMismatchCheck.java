package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC103: an applied patch patches an object whose build-id is not the one its header names. */
@Rule(id = "SC103", name = "applied-build-id-mismatch", severity = Severity.ERROR,
        summary = "An applied patch patches an object whose build-id differs from the one in its header.",
        help = "Only the build-id ties a LibcarePlus patch to its binary. When patches come from a storage directory,"
                + " libcare-ctl finds them by file name (<build-id>.kpatch or <build-id>/latest/kpatch.bin) and never"
                + " compares the header's build-id with the target's (kpatch-format.md 1.6), so a patch built for"
                + " another binary can be applied; its code then uses the other build's addresses and layout."
                + " libcare-ctl info and unpatch associate patches by header build-id, so they cannot see or remove"
                + " it. Restart the process to get rid of it, and fix the storage (the file name must be the build-id"
                + " in its header, which must be the target's).")
public final class RegionBuildIdMismatchCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (PatchRegion r : s.regions()) {
            LoadedObject o = r.patchedObject();
            if (o == null || o.buildId() == null || o.buildId().equals(r.header().buildId())) {
                continue;
            }
            out.report(at(s, r.fileOffset() < 0 ? -1 : r.fileOffset() + r.header().buildIdOffset(),
                            r.header().buildIdField()).withPatch(r.label()),
                    "Patch " + r.label() + " at " + hex(r.address()) + " names build-id " + r.header().buildId()
                            + " in its header, but its records patch " + o.path() + " (mapped at " + hex(o.start())
                            + "), whose build-id is " + o.buildId() + " (read from " + o.buildIdSource() + "). A patch"
                            + " built for another binary was applied (storage lookup by file name only); its code uses"
                            + " that binary's addresses, and libcare-ctl cannot list or unpatch it. Restart the"
                            + " process and fix the patch storage.");
        }
    }
}
