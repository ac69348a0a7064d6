package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.Symbol;

/** Plain undefined symbols that the given targets do not export. */
@Rule(id = "KL109", name = "unexported-symbol", severity = Severity.ERROR,
        summary = "The module uses an undefined symbol that the target kernel does not export.",
        help = "The module loader resolves a module's plain undefined (SHN_UNDEF) symbols against exported symbols"
                + " only (EXPORT_SYMBOL*); any other symbol, such as a static function of the kernel, makes it refuse the"
                + " module with \"Unknown symbol\". A livepatch reaches unexported symbols through .klp.sym.<object>."
                + "<name>,<sympos> symbols (SHN_LIVEPATCH) used by .klp.rela sections, which livepatch resolves from"
                + " kallsyms instead. Needs the target's symbol list: Module.symvers, System.map or /proc/kallsyms"
                + " (exports are its __ksymtab_<name> entries), or the vmlinux ELF, given with --target. When the module"
                + " depends on other modules whose exports the targets do not list, the finding is a warning. Source:"
                + " kernel/module/main.c simplify_symbols(); klp-format.md sections 1.4 and 2.3.")
public final class UnexportedSymbolCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        if (!s.knowsExports()) {
            return;
        }
        LivepatchModule m = s.module();
        List<String> uncovered = new ArrayList<>();
        for (String dep : m.depends()) {
            if (!covered(s, dep)) {
                uncovered.add(dep);
            }
        }
        for (Symbol u : m.undefinedSymbols()) {
            if (u.bind().is("WEAK") || s.export(u.name()).isPresent()) {
                continue;
            }
            if (uncovered.isEmpty()) {
                out.report(symbol(s, u), "The module uses " + u.name() + ", which " + s.targetNames() + " does not"
                        + " export: the module loader refuses the module with \"Unknown symbol " + u.name() + "\". If "
                        + u.name() + " is a static or unexported kernel symbol, reach it through a livepatch symbol"
                        + " .klp.sym.<object>." + u.name() + ",<sympos> (SHN_LIVEPATCH) and a .klp.rela section"
                        + " instead; if it comes from another module, give that module's Module.symvers too.");
            } else {
                out.report(Severity.WARNING, symbol(s, u), "The module uses " + u.name() + ", which " + s.targetNames()
                        + " does not export; the module depends on " + String.join(", ", uncovered) + ", whose exports"
                        + " the targets do not list. If none of them exports " + u.name() + ", the module loader"
                        + " refuses the module with \"Unknown symbol " + u.name() + "\". Give their Module.symvers or a"
                        + " full /proc/kallsyms to decide.");
            }
        }
    }

    /** Whether some target lists the exports of module {@code dep}. */
    private static boolean covered(LivepatchSubject s, String dep) {
        String want = dep.replace('-', '_');
        for (KernelSymbols t : s.targets()) {
            if (t.covers(want) || t.covers(dep)) {
                return true;
            }
            for (KernelSymbols.Export e : t.exports().values()) {
                String mod = e.module();
                if (mod != null) {
                    String base = mod.substring(mod.lastIndexOf('/') + 1).replace('-', '_');
                    if (base.equals(want)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
