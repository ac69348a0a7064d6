package org.kpaudit.analyzer.upatch;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.model.UpatchPatch;

/** UP105: old_addr/old_size do not name the function in the target. */
@Rule(id = "UP105", name = "upatch-old-function", severity = Severity.ERROR,
        summary = "An entry's old_addr and old_size are not the address and size of that function in the target.",
        help = "upatch-diff stores old_addr as the target symbol's address minus text_offset (the target .text"
                + " sh_addr - sh_offset) and old_size as its st_size; the loader adds the load bias and writes the"
                + " trampoline there. kpaudit looks the function up by name in the target's .symtab (or .dynsym) and"
                + " compares: a different address or size means the patch was built for another binary or edited, and"
                + " the trampoline would land in other code. Needs the target (--target, --sysroot). Source:"
                + " upatch-format.md section 3.")
public final class UpatchOldFunctionCheck extends UpatchCheck {

    @Override
    public void check(UpatchSubject s, Findings out) {
        if (s.target() == null) {
            return;
        }
        Section text = s.target().section(".text").orElse(null);
        long textOffset = text == null ? 0 : text.addr() - text.offset();
        List<Symbol> syms = new ArrayList<>(s.target().symbols(SymbolTableKind.SYMTAB));
        if (syms.isEmpty()) {
            syms.addAll(s.target().symbols(SymbolTableKind.DYNSYM));
        }
        for (UpatchPatch.UpatchFunction f : s.patch().functions()) {
            if (f.name() == null) {
                continue;
            }
            List<Symbol> named = syms.stream().filter(x -> f.name().equals(x.name()) && x.type().is("FUNC")).toList();
            long want = f.oldAddr() + textOffset;
            var where = s.at(f.fileOffset(), 48).withSection(".upatch.funcs").withFunction(f.name());
            if (named.isEmpty()) {
                out.report(where, "The target " + s.targetPath() + " has no function " + f.name() + ", which entry "
                        + f.index() + " of " + s.display() + " replaces: the patch is for another binary.");
                continue;
            }
            Symbol at = named.stream().filter(x -> x.value() == want).findFirst().orElse(null);
            if (at == null) {
                out.report(where, f.name() + " is at " + hex(named.get(0).value()) + " in the target " + s.targetPath()
                        + ", but the entry's old_addr " + hex(f.oldAddr()) + " + text_offset " + hex(textOffset)
                        + " is " + hex(want) + ": the trampoline would be written into other code.");
            } else if (at.size() != f.oldSize()) {
                out.report(where, f.name() + " is " + at.size() + " bytes in the target " + s.targetPath()
                        + ", but the entry says old_size " + f.oldSize() + ": the patch was built for another build"
                        + " of the function.");
            }
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
