package org.kpaudit.analyzer.checks;

import java.util.Optional;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.SymbolResolver;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

@Rule(id = "KP303", name = "function-too-small", severity = Severity.ERROR,
        summary = "A changed function is shorter than the jump written over its entry, or its size is unknown.",
        help = "Patching writes a jump over the first bytes of the original function: 5 bytes (E9 rel32) on x86_64,"
                + " 4 (B imm26) on aarch64 (kpatch-format.md 4.3). A shorter function has the jump run into the next"
                + " one. LibcarePlus refuses dlen < 5 at build time on every architecture ('too small function to"
                + " patch'), but a hand-made or edited file is not checked at load time. kpaudit checks dlen, and the"
                + " size of the target's function symbol from .symtab, a debug file under --debug-dir"
                + " (.build-id/xx/rest.debug), MiniDebugInfo (.gnu_debugdata), or .dynsym; when none has the function"
                + " the finding says its size is unknown (give --debug-dir).")
public final class FunctionSizeCheck extends PatchCheck {

    /** LibcarePlus's build-time minimum, on every architecture (lcp:src/kpatch_strip.c). */
    static final long TOOL_MINIMUM = 5;

    @Override
    public void check(PatchSubject p, Findings out) {
        long jump = p.isAarch64() ? 4 : 5;
        for (InfoRecord r : p.patch().changedFunctions()) {
            String fn = r.function() != null ? r.function() : "record " + r.index();
            var where = p.at(r.fileOffset() + 16, 4).withSection(".kpatch.info").withFunction(fn);
            if (r.dlen() < jump) {
                out.report(where, fn + " is " + r.dlen() + " bytes long (dlen), shorter than the " + jump + "-byte jump"
                        + " written over its entry: the jump would overwrite the start of the next function.");
                continue;
            }
            if (r.dlen() < TOOL_MINIMUM) {
                out.report(Severity.WARNING, where, fn + " is " + r.dlen() + " bytes long (dlen); the aarch64 jump"
                        + " fits, but LibcarePlus refuses functions under 5 bytes at build time, so this file was not"
                        + " made by its tool chain.");
            }
            if (!p.hasTarget() || r.original() == null) {
                continue;
            }
            long addr = r.original().address();
            boolean inCode = p.target().elf().sections().stream().anyMatch(s -> s.hasFlag(Section.SHF_EXECINSTR)
                    && s.hasFlag(Section.SHF_ALLOC) && Long.compareUnsigned(addr - s.addr(), s.size()) < 0);
            if (!inCode) {
                continue; // not code in this target at all: KP302 reports it, no size to look up
            }
            SymbolResolver syms = p.target().symbols();
            Optional<Symbol> s = syms.at(r.original().address()).stream().filter(x -> x.type().is("FUNC"))
                    .findFirst();
            if (s.isEmpty()) {
                out.unverified(Severity.NOTE, where, "The size of " + fn + " at " + Elf.hex(r.original().address())
                        + " in the target " + p.target().path() + " is unknown: kpaudit found no function symbol there"
                        + " in " + syms.source().text() + ". Only dlen (" + r.dlen() + ") was checked; give"
                        + " --debug-dir with the target's debug file to check the real size.");
            } else if (s.get().size() != 0 && s.get().size() < jump) {
                out.report(where, fn + " is " + s.get().size() + " bytes long in the target (" + syms.source().text()
                        + "), shorter than the " + jump + "-byte jump written over its entry.");
            }
        }
    }
}
