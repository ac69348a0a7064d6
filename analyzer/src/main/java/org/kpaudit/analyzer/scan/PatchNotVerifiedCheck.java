package org.kpaudit.analyzer.scan;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC202: an applied patch whose records could not all be checked. */
@Rule(id = "SC202", name = "patch-not-verified", severity = Severity.NOTE,
        summary = "An applied patch could not be checked in full (entry bytes not in the image, object file absent, region unreadable).",
        help = "For each applied patch kpaudit reads its header, records and undo area, checks that every patched"
                + " function's entry holds the jump to the newest patch and that the stack of saved bytes leads down"
                + " to the original code, and compares that original code with the object's file. Each of these needs"
                + " bytes: the entry page in the core, the whole region, the object's file (--sysroot, --debug-dir,"
                + " --debuginfod). This note lists, per patch, what could not be checked and why; the scan's verdict"
                + " is INCOMPLETE until it is. One finding per patch, listing its entries.")
public final class PatchNotVerifiedCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (PatchRegion p : s.regions()) {
            List<String> gaps = new ArrayList<>();
            for (AppliedRecord r : p.records()) {
                if (r.isNew()) {
                    continue;
                }
                String fn = r.function() == null ? "record " + r.index() : r.function();
                PatchedFunction f = s.functions().stream().filter(x -> x.address() == r.raw().daddr()).findFirst()
                        .orElse(null);
                if (r.entry().length == 0) {
                    gaps.add(fn + ": entry bytes at " + hex(r.raw().daddr()) + " not readable ("
                            + (r.entryProblem() == null ? "not in the image" : r.entryProblem()) + ")");
                } else if (f != null && !f.verified() && isOldest(f, p, r)) {
                    gaps.add(fn + ": the saved original bytes " + bytes(f.original()) + " were not compared with the"
                            + " file (" + (f.originalVsFile() == FileComparison.NO_FILE ? f.object() == null
                            ? "no mapped object holds the function" : "file of " + f.object().shortName() + " not available"
                            : "the file's bytes there are not readable") + ")");
                }
            }
            for (String problem : p.problems()) {
                gaps.add(problem);
            }
            if (gaps.isEmpty()) {
                continue;
            }
            out.unverified(at(s, p.fileOffset(), 0).withPatch(p.label()),
                    "Patch " + p.label() + " at " + hex(p.address()) + " could not be checked in full: "
                            + String.join("; ", gaps) + ".");
        }
    }

    private static boolean isOldest(PatchedFunction f, PatchRegion p, AppliedRecord r) {
        if (f.stack().isEmpty()) {
            return false;
        }
        PatchedFunction.Ref oldest = f.stack().get(f.stack().size() - 1);
        return oldest.region() == p.address() && oldest.index() == r.index();
    }
}
