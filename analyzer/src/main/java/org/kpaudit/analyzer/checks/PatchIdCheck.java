package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KpatchHeader;

@Rule(id = "KP104", name = "patch-id", severity = Severity.WARNING,
        summary = "The patch id is empty or not NUL-terminated.",
        help = "LibcarePlus 1.0 and later tell applied patches apart by their id only: 'libcare-ctl unpatch -i ID'"
                + " removes a patch, and a second patch with an id already applied is refused (kpatch-format.md 4.2"
                + " and 5). kpatch_make refuses an empty id and keeps at most 7 characters plus a NUL in the 8-byte"
                + " field. A patch with an empty id cannot be unpatched by id; one whose 8 bytes have no NUL has an id"
                + " the tools read past. Rebuild it with libcare-patch-make -i <id of at most 7 characters>.")
public final class PatchIdCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        KpatchHeader h = p.patch().header();
        if (!h.layout().hasId()) {
            return;
        }
        byte[] raw = h.idBytes();
        boolean nul = false;
        for (byte b : raw) {
            nul |= b == 0;
        }
        if (h.id() == null || h.id().isEmpty()) {
            out.report(p.at(8, 8), "The patch id is empty. An applied patch is removed by id ('libcare-ctl unpatch -i"
                    + " ID'), so this one cannot be unpatched selectively. Rebuild it with a non-empty id (-i).");
        } else if (!nul) {
            out.report(p.at(8, 8), "The 8-byte patch id field '" + h.id() + "' has no terminating NUL; LibcarePlus"
                    + " reads it as a C string and runs into the following header bytes. Use an id of at most 7"
                    + " characters.");
        }
    }
}
