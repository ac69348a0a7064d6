package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpObject;

/** The checks against the running kernel that could not run for want of its symbols. */
@Rule(id = "KL116", name = "kernel-targets-missing", severity = Severity.NOTE,
        summary = "The checks against the target kernel did not run: no symbol list, ftrace table or exports for an object.",
        help = "Four checks compare a livepatch module with the kernel it is for: KL109 (symbols the kernel does not"
                + " export), KL110 (functions without an ftrace call site), KL111 (old_name/old_sympos against the"
                + " full symbol list) and KL115 (modversion CRCs). They need the target's vmlinux or module ELF"
                + " (symbols and __mcount_loc / __patchable_function_entries), its System.map or /proc/kallsyms, and"
                + " its Module.symvers, given with --target. When a patched object has none of these, its checks did"
                + " not run and the verdict is INCOMPLETE, not PASS. Give them with --target.")
public final class KernelTargetsMissingCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        if (s.module().patch() == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (KlpObject o : s.module().patch().objects()) {
            List<String> not = new ArrayList<>();
            if (s.symbolsOf(o.objectName()).isEmpty()) {
                not.add("KL111 (no symbol list)");
            }
            if (s.ftraceOf(o.objectName()).isEmpty()) {
                not.add("KL110 (no ELF with its ftrace call sites)");
            }
            if (!not.isEmpty()) {
                missing.add(o.objectName() + ": " + String.join(", ", not));
            }
        }
        if (!s.knowsExports()) {
            missing.add("KL109 and KL115 (no Module.symvers or kallsyms listing the kernel's exports)");
        }
        if (missing.isEmpty()) {
            return;
        }
        out.unverified(s.at(-1, 0), "The checks against the target kernel did not run for " + s.module().path()
                + ": " + String.join("; ", missing) + ". Give the kernel's vmlinux, System.map and Module.symvers"
                + " (and the patched modules' .ko files) with --target.");
    }
}
