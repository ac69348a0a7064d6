package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Glob;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.InfoRecord;

@Rule(id = "KP401", name = "function-filter", severity = Severity.ERROR,
        summary = "A changed or new function is denied, or not allowed, by the policy's function globs.",
        help = "A site policy can list the functions patches may touch (allow_functions) and those they must not"
                + " (deny_functions), as globs matched against the mangled and the demangled name. LibcarePlus's own"
                + " filter (/etc/libcare.conf) works only at build time, by prefix, and only for functions present in"
                + " both builds (kpatch-format.md 6); an edit that shifts __LINE__ drags unrelated functions into a"
                + " patch (corpus g_func_filter). Rebuild the patch with the function filter, or change the policy.")
public final class FunctionPolicyCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        Policy pol = p.policy();
        for (InfoRecord r : p.patch().infos()) {
            String fn = r.function();
            if (fn == null) {
                continue;
            }
            String kind = r.isNew() ? "adds" : "changes";
            var where = p.at(r.fileOffset(), 48).withSection(".kpatch.info").withFunction(fn);
            Glob deny = Policy.firstMatch(pol.denyFunctions(), fn);
            if (deny != null) {
                out.report(where, "The patch " + kind + " " + fn + ", which the policy " + pol.source()
                        + " denies (deny_functions: '" + deny + "'). Rebuild the patch without it.");
                continue;
            }
            if (pol.allowFunctions() != null && Policy.firstMatch(pol.allowFunctions(), fn) == null) {
                out.report(where, "The patch " + kind + " " + fn + ", which no glob of allow_functions in the policy "
                        + pol.source() + " allows. Rebuild the patch with a function filter that keeps only the"
                        + " intended functions, or extend the policy.");
            }
        }
    }
}
