package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.Section;
import org.kpaudit.model.SymbolTableKind;

@Rule(id = "KP404", name = "import-policy", severity = Severity.ERROR,
        summary = "The patch imports a symbol the policy's allowed_imports does not list.",
        help = "Imports are the library functions and data the new code reaches through the jump table built at"
                + " load time (kpatch-format.md 3.4). A fix that suddenly calls system, dlopen or socket deserves a"
                + " second look. When the policy has allowed_imports, each import must match one of its globs, either"
                + " by name (printf) or by name@version (printf@GLIBC_2.2.5). Review the patch, or extend the list.")
public final class ImportPolicyCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (p.policy().allowedImports() == null) {
            return;
        }
        long symtabOff = p.patch().elf().symbolTableSection(SymbolTableKind.SYMTAB).map(Section::offset).orElse(0L);
        for (KpatchImport imp : p.patch().imports()) {
            boolean ok = p.policy().allowedImports().stream().anyMatch(g -> g.matches(imp.name())
                    || g.matches(imp.rawName()));
            if (!ok) {
                out.report(p.atElf(symtabOff + 24L * imp.symbolIndex(), 24).withSymbol(imp.rawName()), "The patch"
                        + " imports " + imp.rawName() + ", which allowed_imports in the policy " + p.policy().source()
                        + " does not list. Review why the fix needs it.");
            }
        }
    }
}
