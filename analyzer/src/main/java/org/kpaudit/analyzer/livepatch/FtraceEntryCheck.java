package org.kpaudit.analyzer.livepatch;

import java.util.List;
import java.util.Optional;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KernelSymbol;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;

/** A patched function without an ftrace call site in the target ELF. */
@Rule(id = "KL110", name = "no-ftrace-entry", severity = Severity.ERROR,
        summary = "A patched function has no ftrace call site in the target vmlinux (or module) given.",
        help = "Livepatch redirects a function through ftrace: klp_patch_func() needs ftrace_location() of the old"
                + " function, the ftrace call site (x86_64: call __fentry__ at the entry, after endbr64 with IBT)"
                + " recorded in __mcount_loc, and otherwise fails with \"failed to find location for function '%s'\""
                + " (kernel/livepatch/patch.c). Functions built without it (notrace, lib/ objects, ftrace and livepatch"
                + " internals, some inlined or cold copies) cannot be patched; patch a caller instead. Needs the target"
                + " as an ELF with symbols (vmlinux from the -dbg package, or the patched module), given with --target;"
                + " the sites are __start_mcount_loc..__stop_mcount_loc of vmlinux or the __mcount_loc relocations of a"
                + " module. Source: klp-format.md section 5.")
public final class FtraceEntryCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        if (s.module().patch() == null) {
            return;
        }
        for (KlpObject o : s.module().patch().objects()) {
            Optional<KernelSymbols> t = s.ftraceOf(o.objectName());
            if (t.isEmpty()) {
                continue;
            }
            for (KlpFunc f : o.funcs()) {
                if (f.oldName() == null) {
                    continue;
                }
                List<KernelSymbol> matches = TargetFunctions.code(t.get().named(o.objectName(), f.oldName()));
                KernelSymbol fn = TargetFunctions.resolve(f, matches);
                if (fn == null) {
                    continue; // not resolvable: reported by KL111
                }
                if (t.get().ftrace().siteIn(fn).isEmpty()) {
                    out.report(func(s, o, f), o.objectName() + " function " + f.oldName() + " (0x"
                            + Long.toHexString(fn.address()) + (fn.size() > 0 ? ", " + fn.size() + " bytes" : "")
                            + " in " + t.get().path() + ") has no ftrace call site (" + t.get().ftrace().source()
                            + "): the kernel refuses the patch with \"failed to find location for function '"
                            + f.oldName() + "'\". It is notrace or built without -pg/-mfentry; patch a caller that has"
                            + " an ftrace entry instead.");
                }
            }
        }
    }
}
