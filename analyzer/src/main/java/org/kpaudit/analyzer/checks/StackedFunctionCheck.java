package org.kpaudit.analyzer.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Chains;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.InfoRecord;

@Rule(id = "KC502", name = "stacked-function", severity = Severity.WARNING,
        summary = "A function is changed by more than one patch of a chain: the last applied wins, and unpatching"
                + " must be strictly last-in-first-out.",
        help = "Each LibcarePlus patch is built against the original binary and writes its own jump over the"
                + " function's entry; a later patch saves the earlier patch's jump as its 'original' bytes"
                + " (kpatch-format.md 4.3, 5). So the patch applied last is the one that runs. Removing an earlier"
                + " patch while a later one is loaded writes the original bytes back (silently disabling the later"
                + " patch too), and removing the later one afterwards restores a jump into unmapped memory: the"
                + " target crashes. LibcarePlus does not enforce the order. Unpatch strictly in reverse order of"
                + " application, or build one cumulative patch.")
public final class StackedFunctionCheck extends ChainCheck {

    @Override
    public void check(ChainSubject c, Findings out) {
        Map<String, List<PatchSubject>> overlaps = Chains.overlaps(c);
        if (overlaps.isEmpty()) {
            return;
        }
        List<String> unpatch = new ArrayList<>(c.members().stream().map(PatchSubject::label).toList());
        Collections.reverse(unpatch);
        for (Map.Entry<String, List<PatchSubject>> e : overlaps.entrySet()) {
            List<PatchSubject> ps = e.getValue();
            PatchSubject winner = ps.get(ps.size() - 1);
            InfoRecord rec = winner.patch().changedFunctions().stream()
                    .filter(r -> e.getKey().equals(r.function())).findFirst().orElse(null);
            var where = (rec == null ? winner.where() : winner.at(rec.fileOffset(), 48).withSection(".kpatch.info"))
                    .withFunction(e.getKey());
            List<String> ids = ps.stream().map(PatchSubject::label).toList();
            out.report(where, e.getKey() + " is changed by " + String.join(" and ", ids) + " (in apply order). "
                    + winner.label() + " is applied last and wins; its undo bytes hold the jump of "
                    + ps.get(ps.size() - 2).label() + ". Unpatch strictly last-in-first-out ("
                    + String.join(", ", unpatch) + "): removing " + ids.get(0) + " while " + winner.label()
                    + " is loaded disables both and a later unpatch of " + winner.label() + " jumps into unmapped"
                    + " memory.");
        }
    }
}
