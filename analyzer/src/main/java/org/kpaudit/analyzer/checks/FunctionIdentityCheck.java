package org.kpaudit.analyzer.checks;

import java.util.List;
import java.util.Optional;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.SymbolResolver;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

@Rule(id = "KP302", name = "function-identity", severity = Severity.ERROR,
        summary = "A changed function does not exist in the target at the address and with the length the patch"
                + " says.",
        help = "Each .kpatch.info record names the original function (by symbol, or by section + offset for static"
                + " and cloned functions such as mix.constprop.0) and its length dlen; the loader writes the jump at"
                + " that address without looking at what is there (kpatch-format.md 2, 4.3). kpaudit looks the"
                + " address and the name up in the target's function symbols (.symtab, else a debug file found by"
                + " build-id, else MiniDebugInfo, else .dynsym) and requires a function of that name starting there"
                + " whose size equals dlen, inside an executable section. A mismatch means the patch was built for"
                + " another binary and the jump would land in the wrong function. Use the right target, or rebuild"
                + " the patch.")
public final class FunctionIdentityCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (!p.hasTarget()) {
            return;
        }
        SymbolResolver syms = p.target().symbols();
        boolean complete = syms.source() != SymbolResolver.Source.NONE && syms.source() != SymbolResolver.Source.DYNSYM;
        for (InfoRecord r : p.patch().changedFunctions()) {
            if (r.original() == null) {
                continue;
            }
            long addr = r.original().address();
            String fn = r.function() != null ? r.function() : Elf.hex(addr);
            var where = p.at(r.fileOffset(), 48).withSection(".kpatch.info").withFunction(fn);
            Optional<Section> exec = p.target().elf().sections().stream()
                    .filter(s -> s.hasFlag(Section.SHF_EXECINSTR) && s.hasFlag(Section.SHF_ALLOC)
                            && Long.compareUnsigned(addr - s.addr(), s.size()) < 0)
                    .findFirst();
            if (exec.isEmpty()) {
                out.report(where, "The patch replaces " + fn + " at " + Elf.hex(addr) + ", but that address is not in an"
                        + " executable section of the target " + p.target().path() + ". The jump would be written"
                        + " into data or unmapped memory: the patch was built for another binary.");
                continue;
            }
            if (syms.source() == SymbolResolver.Source.NONE) {
                continue;
            }
            List<Symbol> there = syms.at(addr);
            Symbol same = there.stream().filter(s -> r.function() != null && r.function().equals(s.name())).findFirst()
                    .orElse(null);
            if (same == null && r.function() != null) {
                List<Symbol> byName = syms.named(r.function());
                if (!byName.isEmpty()) {
                    out.report(where, "The patch replaces " + fn + " at " + Elf.hex(addr) + ", but in the target "
                            + p.target().path() + " " + fn + " is at " + Elf.hex(byName.get(0).value())
                            + (there.isEmpty() ? "" : " and " + Elf.hex(addr) + " is " + there.get(0).name()) + " ("
                            + syms.source().text() + "). The jump would land in the wrong place: the patch was built"
                            + " for another binary.");
                    continue;
                }
                if (!there.isEmpty()) {
                    out.report(where, "The patch replaces " + fn + " at " + Elf.hex(addr) + ", but that address is "
                            + there.get(0).name() + " in the target " + p.target().path() + " ("
                            + syms.source().text() + "). The jump would redirect the wrong function.");
                    continue;
                }
                if (complete) {
                    Optional<Symbol> inside = syms.containing(addr);
                    out.report(where, "No function starts at " + Elf.hex(addr) + " (" + fn + ") in the target "
                            + p.target().path() + inside.map(s -> "; the address is inside " + s.name() + " at "
                                    + Elf.hex(s.value())).orElse("") + " (" + syms.source().text() + "). The jump would"
                            + " overwrite the middle of other code.");
                }
                continue;
            }
            Symbol s = same != null ? same : there.isEmpty() ? null : there.get(0);
            if (s != null && s.type().is("FUNC") && s.size() != 0 && s.size() != r.dlen()) {
                out.report(where, "The patch says " + fn + " is " + r.dlen() + " bytes long, but in the target "
                        + p.target().path() + " it is " + s.size() + " bytes (" + syms.source().text() + "). The"
                        + " function the patch was built against is not this one.");
            }
        }
    }
}
