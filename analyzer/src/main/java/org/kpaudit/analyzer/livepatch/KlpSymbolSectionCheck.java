package org.kpaudit.analyzer.livepatch;

import java.util.HashSet;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.Symbol;

/** Symbols used by .klp.rela sections have st_shndx SHN_LIVEPATCH; .klp.sym symbols are not plain undefined ones. */
@Rule(id = "KL107", name = "klp-sym-not-livepatch", severity = Severity.ERROR,
        summary = "A symbol used by a .klp.rela section is not marked SHN_LIVEPATCH (0xff20).",
        help = "Every symbol a .klp.rela relocation refers to must have st_shndx SHN_LIVEPATCH (0xff20): the module"
                + " loader skips those symbols (simplify_symbols()) and livepatch resolves them itself; any other symbol"
                + " makes the patch fail with \"symbol %s is not marked as a livepatch symbol\""
                + " (kernel/livepatch/core.c klp_resolve_symbols()). A .klp.sym symbol left undefined (SHN_UNDEF)"
                + " instead reaches the module loader, which cannot resolve it and refuses the module (\"Unknown"
                + " symbol\"). Set st_shndx to SHN_LIVEPATCH for these symbols (kpatch's create-klp-module and objtool"
                + " do). Source: Documentation/livepatch/module-elf-format.rst; klp-format.md sections 1.4 and 1.7.")
public final class KlpSymbolSectionCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        Set<Integer> seen = new HashSet<>();
        for (KlpRelaSection rs : s.module().klpRelaSections()) {
            for (KlpRelaSection.Entry e : rs.entries()) {
                Symbol sym = e.symbol();
                if (sym == null) {
                    out.report(entry(s, rs, e), "Relocation " + e.relocation().index() + " of " + rs.section().name()
                            + " refers to symbol " + e.relocation().symbolIndex() + ", which is not in .symtab: the"
                            + " kernel cannot resolve it. Rebuild the module.");
                    continue;
                }
                if (sym.shndx() == Symbol.SHN_LIVEPATCH || !seen.add(sym.index())) {
                    continue;
                }
                String where = sym.isUndefined() ? "undefined (SHN_UNDEF)" : "in section index " + sym.shndx();
                out.report(entry(s, rs, e), "Symbol " + sym.name() + ", used by " + rs.section().name() + ", is "
                        + where + " instead of SHN_LIVEPATCH (0xff20): the kernel refuses the patch with \"symbol "
                        + sym.name() + " is not marked as a livepatch symbol\". Mark it SHN_LIVEPATCH, or relocate it"
                        + " with an ordinary relocation section if it is the module's own or an exported symbol.");
            }
        }
        for (KlpSymbol k : s.module().klpSymbols()) {
            Symbol sym = k.symbol();
            if (sym.isUndefined() && seen.add(sym.index())) {
                out.report(symbol(s, k), "Symbol " + sym.name() + " is named as a livepatch symbol but is undefined"
                        + " (SHN_UNDEF): the module loader tries to resolve it like an exported symbol and refuses the"
                        + " module (\"Unknown symbol " + sym.name() + "\"). Mark it SHN_LIVEPATCH (0xff20).");
            }
        }
    }
}
