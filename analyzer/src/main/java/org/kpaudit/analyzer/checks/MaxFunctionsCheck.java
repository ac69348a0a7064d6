package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

@Rule(id = "KP403", name = "max-functions", severity = Severity.ERROR,
        summary = "The patch changes and adds more functions than the policy's max_functions.",
        help = "Every changed function is one more jump written into the running process and one more range the"
                + " stack check must find idle; a patch much larger than the fix it claims to be often carries"
                + " functions dragged in by unrelated edits (kpatch-format.md 6). The policy's max_functions caps the"
                + " changed plus new functions of one patch. Split the patch, filter it, or raise the limit.")
public final class MaxFunctionsCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        Integer max = p.policy().maxFunctions();
        int n = p.patch().infos().size();
        if (max == null || n <= max) {
            return;
        }
        var info = p.patch().infoSection();
        var where = info == null ? p.where() : p.atElf(info.offset(), info.size()).withSection(".kpatch.info");
        out.report(where, "The patch has " + n + " functions (" + p.patch().changedFunctions().size() + " changed, "
                + p.patch().newFunctions().size() + " new), more than max_functions " + max + " in the policy "
                + p.policy().source() + ". Split or filter the patch.");
    }
}
