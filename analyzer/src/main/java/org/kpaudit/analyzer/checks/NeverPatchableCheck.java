package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Glob;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.InfoRecord;

@Rule(id = "KP402", name = "never-patchable", severity = Severity.ERROR,
        summary = "The patch changes a function that is always on some thread's stack (main, _start, thread entry"
                + " points).",
        help = "Before writing the jumps, libcare-ctl unwinds every thread and refuses while any frame is inside a"
                + " function being replaced; it waits and retries, then gives up with 'safety check failed'"
                + " (kpatch-format.md 4.2). main, _start and the start routines of threads never return, so a patch"
                + " that changes them can never be applied, and the process stays frozen while libcare-ctl retries"
                + " (corpus g_func_filter: the unfiltered patch drags in main and fails). The built-in list is main"
                + " and _start; a policy adds never_patchable globs and thread_entry_points. Rebuild the patch with"
                + " the function filter (/etc/libcare.conf) listing only the functions to fix.")
public final class NeverPatchableCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        Policy pol = p.policy();
        for (InfoRecord r : p.patch().changedFunctions()) {
            String fn = r.function();
            if (fn == null) {
                continue;
            }
            var where = p.at(r.fileOffset(), 48).withSection(".kpatch.info").withFunction(fn);
            Glob g = Policy.firstMatch(pol.neverPatchable(), fn);
            boolean thread = pol.threadEntryPoints().contains(fn);
            if (g != null || thread) {
                out.report(where, "The patch changes " + fn + ", which is always on a thread's stack ("
                        + (thread ? "a thread entry point in the policy" : "never_patchable '" + g + "'") + ")."
                        + " libcare-ctl's stack check refuses it every time and the patch can never be applied; the"
                        + " process is frozen while it retries. Rebuild the patch so that it does not include " + fn
                        + " (LibcarePlus function filter /etc/libcare.conf).");
            }
        }
    }
}
