package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC102: a record of a still-mapped patch is not in effect (an older patch was removed first). */
@Rule(id = "SC102", name = "out-of-order-unpatch", severity = Severity.ERROR,
        summary = "A patch is still mapped but its function no longer reaches it (FILO order broken).",
        help = "Stacked LibcarePlus patches of one function form a chain: the entry jumps to the newest patch, whose"
                + " saved bytes jump to the one below, down to the original code (kpatch-format.md 4.3 and 5)."
                + " libcare-ctl does not enforce first-in-last-out unpatching: removing an older patch first writes"
                + " the original bytes back (silently disabling the newer one) and unmaps the older region. The newer"
                + " region stays mapped, libcare-ctl info still lists it, and its saved bytes are a jump into the"
                + " freed region, so unpatching it later writes a jump into unmapped memory and the next call"
                + " crashes. Do not unpatch the listed patch; re-apply the missing one (or restart the process) to"
                + " get back to a consistent state, and remove patches strictly newest first.")
public final class OutOfOrderUnpatchCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        // one root cause per patch (an older patch removed first): one finding listing its records
        org.kpaudit.analyzer.FindingGroups groups = new org.kpaudit.analyzer.FindingGroups();
        for (PatchedFunction f : s.functions()) {
            if (f.entryTarget() != null && f.stack().isEmpty()) {
                continue; // the entry jumps where no patch explains: SC101 says so, not this check
            }
            String fn = f.function() == null ? hex(f.address()) : f.function();
            for (PatchedFunction.Ref r : f.inactive()) {
                PatchRegion region = null;
                for (PatchRegion p : s.regions()) {
                    if (p.address() == r.region()) {
                        region = p;
                    }
                }
                if (region == null || f.entry().length == 0) {
                    continue;
                }
                AppliedRecord rec = region.records().get(r.index());
                String now = f.entryTarget() == null ? "its own code (" + bytes(head(f.entry(), region.hunkSize())) + ")"
                        : "a jump to " + hex(f.entryTarget()) + " (" + s.describe(f.entryTarget()) + ")";
                String undo = rec.savedTarget() == null ? bytes(rec.saved())
                        : bytes(rec.saved()) + ", a jump to " + hex(rec.savedTarget()) + " ("
                                + s.describe(rec.savedTarget()) + ")";
                groups.add(r.patch() + "@" + region.address(), null,
                        at(s, rec.savedFileOffset(), rec.saved().length).withPatch(r.patch()).withFunction(fn)
                                .withSymbol(f.function()),
                        "Record " + r.index() + " of patch " + r.patch() + " replaces " + fn + " at " + hex(f.address())
                                + ", but the entry now holds " + now + " and no newer patch's saved bytes lead to "
                                + r.patch() + "'s code at " + hex(r.saddr()) + ", although its region at "
                                + hex(region.address()) + " is still mapped. Typically an older patch of this"
                                + " function was unpatched first (its saved bytes went back over the entry), or an"
                                + " unpatch stopped half-way: libcare-ctl still lists " + r.patch() + " as applied,"
                                + " and unpatching it will write back its saved bytes " + undo + ". Do not unpatch "
                                + r.patch() + "; re-apply the removed patch or restart the process.",
                        "record " + r.index() + " (" + fn + " at " + hex(f.address()) + ", would get back " + undo + ")");
            }
        }
        groups.flush(out, "record(s) of that patch");
    }
}
