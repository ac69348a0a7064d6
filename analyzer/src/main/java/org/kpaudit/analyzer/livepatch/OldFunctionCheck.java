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

/** old_name / old_sympos against the target's symbols. */
@Rule(id = "KL111", name = "old-function-unresolved", severity = Severity.ERROR,
        summary = "A patched function's old_name and old_sympos do not resolve to exactly one symbol of the target.",
        help = "The kernel finds the function to replace by name among the symbols of its object, in kallsyms order"
                + " (kernel/livepatch/core.c klp_find_object_symbol()): no symbol of that name fails with \"symbol '%s'"
                + " not found in symbol table\"; old_sympos 0 with several symbols of that name fails with"
                + " \"unresolvable ambiguity for symbol '%s' in object '%s'\"; an old_sympos larger than their number"
                + " fails with \"symbol position %lu for symbol '%s' in object '%s' not found\". Set old_sympos to the"
                + " position (1-based, in address order) of the intended symbol. Needs the target's full symbol list"
                + " (System.map, /proc/kallsyms or the vmlinux ELF; Module.symvers lists exports only). Source:"
                + " klp-format.md sections 1.4 and 1.7.")
public final class OldFunctionCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        if (s.module().patch() == null) {
            return;
        }
        for (KlpObject o : s.module().patch().objects()) {
            Optional<KernelSymbols> t = s.symbolsOf(o.objectName());
            if (t.isEmpty()) {
                continue;
            }
            String objForMessage = o.isVmlinux() ? "(null)" : o.objectName();
            for (KlpFunc f : o.funcs()) {
                if (f.oldName() == null) {
                    continue;
                }
                List<KernelSymbol> matches = t.get().named(o.objectName(), f.oldName());
                String where = " in " + o.objectName() + " (" + t.get().path() + ")";
                if (matches.isEmpty()) {
                    out.report(func(s, o, f), "Function " + f.oldName() + " does not exist" + where + ": the kernel"
                            + " refuses the patch with \"symbol '" + f.oldName() + "' not found in symbol table\"."
                            + " Check the function name and that the patch was built for this kernel.");
                } else if (f.oldSympos() == 0 && matches.size() > 1) {
                    out.report(func(s, o, f), "Function " + f.oldName() + " has old_sympos 0 (must be unique) but"
                            + where + " " + matches.size() + " symbols have that name: the kernel refuses the patch"
                            + " with \"unresolvable ambiguity for symbol '" + f.oldName() + "' in object '"
                            + objForMessage + "'\". Set old_sympos to the position (1 to " + matches.size()
                            + ", in address order) of the function meant.");
                } else if (Long.compareUnsigned(f.oldSympos(), matches.size()) > 0) {
                    out.report(func(s, o, f), "Function " + f.oldName() + " has old_sympos "
                            + Long.toUnsignedString(f.oldSympos()) + " but" + where + " only " + matches.size()
                            + " symbol(s) have that name: the kernel refuses the patch with \"symbol position "
                            + Long.toUnsignedString(f.oldSympos()) + " for symbol '" + f.oldName() + "' in object '"
                            + objForMessage + "' not found\". Set old_sympos to the position of the function meant.");
                }
            }
        }
    }
}
