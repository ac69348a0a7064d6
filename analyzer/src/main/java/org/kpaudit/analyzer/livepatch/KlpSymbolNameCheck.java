package org.kpaudit.analyzer.livepatch;

import java.util.HashSet;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpSymbolName;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.Symbol;

/** {@code .klp.sym.<object>.<name>,<sympos>} syntax and length limits of symbols used by .klp.rela. */
@Rule(id = "KL106", name = "klp-sym-name", severity = Severity.ERROR,
        summary = "A symbol used by a .klp.rela section is not named .klp.sym.<object>.<name>,<sympos> within the limits.",
        help = "For every relocation of a .klp.rela section the kernel parses the symbol's name with"
                + " sscanf(\".klp.sym.%55[^.].%511[^,],%lu\") and requires three fields (kernel/livepatch/core.c"
                + " klp_resolve_symbols()); otherwise the patch fails with \"symbol %s has an incorrectly formatted"
                + " name\". The symbol name may contain dots (.isra.0, .constprop.0) but no comma; it must be shorter"
                + " than KSYM_NAME_LEN, which is 512 since Linux 6.1 and 128 before (%127[^,] in older kernels); the"
                + " kernel version is taken from the module's vermagic. Rename the symbol to .klp.sym.<object>."
                + "<symbol>,<sympos> (sympos 0 for a unique name). Source: Documentation/livepatch/module-elf-format.rst;"
                + " klp-format.md sections 1.2 and 1.4.")
public final class KlpSymbolNameCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        Set<Integer> seen = new HashSet<>();
        for (KlpRelaSection rs : m.klpRelaSections()) {
            for (KlpRelaSection.Entry e : rs.entries()) {
                Symbol sym = e.symbol();
                if (sym == null || sym.shndx() != Symbol.SHN_LIVEPATCH || !seen.add(sym.index())) {
                    continue;
                }
                KlpSymbolName n = e.symbolName();
                String name = sym.name() == null ? "[" + sym.index() + "]" : sym.name();
                if (n == null || !n.wellFormed()) {
                    out.report(entry(s, rs, e), "Symbol " + name + ", used by " + rs.section().name() + ", is not"
                            + " named .klp.sym.<object>.<symbol>,<sympos>" + (n == null ? "" : " (" + n.problem() + ")")
                            + ": the kernel refuses the patch with \"symbol " + name + " has an incorrectly formatted"
                            + " name\". Rename it, e.g. .klp.sym.vmlinux.<symbol>,0.");
                } else if (n.symbolName().length() >= m.ksymNameLen()) {
                    out.report(entry(s, rs, e), "Symbol " + name + " names a " + n.symbolName().length()
                            + "-character symbol; the kernel reads at most " + (m.ksymNameLen() - 1) + " ("
                            + m.ksymNameLenBasis() + ") and then fails with \"symbol " + name + " has an incorrectly"
                            + " formatted name\". A name this long cannot be resolved on that kernel.");
                }
            }
        }
    }
}
