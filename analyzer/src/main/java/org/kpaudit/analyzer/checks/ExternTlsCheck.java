package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.TargetSet;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Symbol;

@Rule(id = "KP206", name = "extern-tls-got", severity = Severity.ERROR,
        summary = "An initial-exec TLS access (GOTTPOFF) to a thread-local variable defined in another object:"
                + " the patch loads and then crashes the target.",
        help = "For GOTTPOFF (and GOTPCREL*) the x86_64 loader first asks 'is the symbol undefined?' and uses the"
                + " symbol's jump-table slot as its GOT entry, before it asks 'is it TLS?' (lcp:src/arch/x86/"
                + "arch_elf.c). For a thread-local variable imported from a library the slot holds the variable's"
                + " address instead of its thread-pointer offset, so the new code reads or writes a wild address."
                + " libcare-ctl reports success and the target dies at the first call (corpus e_tls/"
                + "extern_tls_crash: SIGSEGV). Do not reference another object's thread-local variables from"
                + " patched code; pass the value in, or patch the library that defines it.")
public final class ExternTlsCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (!p.isX86()) {
            return;
        }
        ElfFile elf = p.patch().elf();
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            long t = rr.type();
            if (t != Elf.X_GOTTPOFF && t != Elf.X_GOTPCREL && t != Elf.X_GOTPCRELX && t != Elf.X_REX_GOTPCRELX) {
                continue;
            }
            Symbol s = Elf.symbol(elf, rr.r().symbolIndex()).orElse(null);
            if (s == null || !s.type().is("TLS") || !s.isUndefined()) {
                continue;
            }
            String name = Elf.bare(s.name());
            String definedIn = definedIn(p, name);
            String sec = rr.section().section().name();
            out.report(p.atElf(rr.r().fileOffset(), rr.section().section().entsize()).withSection(sec)
                    .withSymbol(s.name()), "Relocation " + rr.r().index() + " of " + sec + " is "
                    + Elf.typeName(rr.r().type()) + " against the thread-local variable " + s.name() + ", which the"
                    + " patch imports" + (definedIn == null ? "" : " (defined in " + definedIn + ")") + ". The"
                    + " LibcarePlus loader treats it as an ordinary import and points the access at a jump-table slot,"
                    + " so the patched code uses a wild address: the patch applies 'successfully' and the target"
                    + " crashes when the code runs. Do not access another object's thread-local variables from the"
                    + " patch.");
        }
    }

    private static String definedIn(PatchSubject p, String name) {
        if (!p.hasTarget() || name == null) {
            return null;
        }
        for (TargetSet.Library l : p.target().libraries()) {
            if (l.found()) {
                for (Symbol d : l.elf().lookupDynamic(name)) {
                    if (d.type().is("TLS")) {
                        return l.name();
                    }
                }
            }
        }
        return null;
    }
}
