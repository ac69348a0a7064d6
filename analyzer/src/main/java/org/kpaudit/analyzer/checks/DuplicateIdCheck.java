package org.kpaudit.analyzer.checks;

import java.util.HashMap;
import java.util.Map;
import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

@Rule(id = "KC501", name = "duplicate-patch-id", severity = Severity.ERROR,
        summary = "Two patches of a chain have the same id.",
        help = "LibcarePlus refuses to apply a patch whose id is already applied to the object ('A patch with"
                + " patch-id(%s) is already applied'), and 'unpatch -i ID' removes every patch with that id"
                + " (kpatch-format.md 4.2, 5). Two patches for the same binary with one id cannot both be loaded, or"
                + " are removed together. Give every patch of a chain its own id (libcare-patch-make -i).")
public final class DuplicateIdCheck extends ChainCheck {

    @Override
    public void check(ChainSubject c, Findings out) {
        Map<String, PatchSubject> seen = new HashMap<>();
        for (PatchSubject p : c.members()) {
            String id = p.patch().header().id();
            if (id == null) {
                continue;
            }
            PatchSubject first = seen.putIfAbsent(id, p);
            if (first != null) {
                out.report(p.at(8, 8), "Patch " + p.display() + " has the id '" + id + "', like " + first.display()
                        + " earlier in the chain for " + c.buildId() + ". libcare-ctl refuses the second while the"
                        + " first is applied, and 'unpatch -i " + id + "' would remove both. Give each patch its own"
                        + " id.");
            }
        }
    }
}
