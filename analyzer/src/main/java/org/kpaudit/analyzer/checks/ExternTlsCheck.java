package org.kpaudit.analyzer.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.TargetSet;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

@Rule(id = "KP206", name = "extern-tls-got", severity = Severity.ERROR,
        summary = "An initial-exec TLS access to a thread-local variable defined in another object: on x86_64 the"
                + " patch loads and then crashes the target; on aarch64 it works only if the original binary has the"
                + " same GOT slot for the variable.",
        help = "x86_64: for GOTTPOFF (and GOTPCREL*) the loader first asks 'is the symbol undefined?' and uses the"
                + " symbol's jump-table slot as its GOT entry, before it asks 'is it TLS?' (lcp:src/arch/x86/"
                + "arch_elf.c). For a thread-local variable imported from a library the slot holds the variable's"
                + " address instead of its thread-pointer offset, so the new code reads or writes a wild address."
                + " libcare-ctl reports success and the target dies at the first call (corpus e_tls/"
                + "extern_tls_crash: SIGSEGV). aarch64: the loader never resolves an imported TLS variable; for"
                + " TLSIE_ADR_GOTTPREL_PAGE21 it uses the addend kpatch_strip computed from the patched build's own"
                + " ADRP (the page of that build's GOT slot) plus the load offset, and it leaves the low 12 bits of"
                + " TLSIE_LD64_GOTTPREL_LO12_NC as compiled (lcp:src/arch/aarch64/arch_strip.c and arch_elf.c,"
                + " kpatch-format.md 3.1 and 3.3). The access is right only when the original binary has an"
                + " R_AARCH64_TLS_TPREL64 GOT slot for the same variable at that very address; with --target kpaudit"
                + " compares the two and reports an error when they differ, and without a target a warning. Do not"
                + " access another object's thread-local variables from patched code; pass the value in, or patch"
                + " the library that defines it.")
public final class ExternTlsCheck extends PatchCheck {

    /** Bits 31-22 of LDR Xt, [Xn, #imm] (64-bit load, unsigned scaled offset): Arm A64 "LDR (immediate)". */
    private static final int LDR_X_UIMM = 0xF9400000;
    private static final int LDR_X_UIMM_MASK = 0xFFC00000;

    @Override
    public void check(PatchSubject p, Findings out) {
        if (p.isX86()) {
            x86(p, out);
        } else if (p.isAarch64()) {
            aarch64(p, out);
        }
    }

    private static void x86(PatchSubject p, Findings out) {
        ElfFile elf = p.patch().elf();
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            long t = rr.type();
            if (t != Elf.X_GOTTPOFF && t != Elf.X_GOTPCREL && t != Elf.X_GOTPCRELX && t != Elf.X_REX_GOTPCRELX) {
                continue;
            }
            Symbol s = importedTls(elf, rr);
            if (s == null) {
                continue;
            }
            String definedIn = definedIn(p, Elf.bare(s.name()));
            String sec = rr.section().section().name();
            out.report(where(p, rr, s), "Relocation " + rr.r().index() + " of " + sec + " is "
                    + Elf.typeName(rr.r().type()) + " against the thread-local variable " + s.name() + ", which the"
                    + " patch imports" + (definedIn == null ? "" : " (defined in " + definedIn + ")") + ". The"
                    + " LibcarePlus loader treats it as an ordinary import and points the access at a jump-table slot,"
                    + " so the patched code uses a wild address: the patch applies 'successfully' and the target"
                    + " crashes when the code runs. Do not access another object's thread-local variables from the"
                    + " patch.");
        }
    }

    private static void aarch64(PatchSubject p, Findings out) {
        ElfFile elf = p.patch().elf();
        Map<String, List<Long>> slots = null;
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            long t = rr.type();
            boolean page = t == Elf.A_TLSIE_ADR_GOTTPREL_PAGE21;
            if (!page && t != Elf.A_TLSIE_LD64_GOTTPREL_LO12_NC) {
                continue;
            }
            Symbol s = importedTls(elf, rr);
            if (s == null) {
                continue;
            }
            String name = Elf.bare(s.name());
            String definedIn = definedIn(p, name);
            Relocation r = rr.r();
            String what = "Relocation " + r.index() + " of " + rr.section().section().name() + " is "
                    + Elf.typeName(r.type()) + " against the thread-local variable " + s.name() + ", which the patch"
                    + " imports" + (definedIn == null ? "" : " (defined in " + definedIn + ")") + ". The aarch64"
                    + " loader does not resolve it: the access goes to the GOT slot the patched build had for "
                    + name + ", at the same address in the original binary";
            Long used = page ? Long.valueOf(r.addendOrZero() & ~0xfffL) : ldrOffset(elf, rr);
            String usedText = used == null ? "" : page ? " (page " + Elf.hex(used) + ")"
                    : " (low 12 bits " + Elf.hex(used) + ")";
            if (!p.hasTarget() || p.target().elf().header().machine().value() != Elf.EM_AARCH64) {
                out.unverified(Severity.WARNING, where(p, rr, s), what + usedText + ". That is right only when the"
                        + " original binary has a GOT slot for " + name + " at that address; check the patch with"
                        + " --target to compare, or avoid the access.");
                continue;
            }
            if (slots == null) {
                slots = tlsSlots(p.target().elf());
            }
            List<Long> mine = slots.getOrDefault(name, List.of());
            if (mine.isEmpty()) {
                out.report(where(p, rr, s), what + usedText + ", but the original binary has no GOT slot for " + name
                        + " (no R_AARCH64_TLS_TPREL64 relocation names it). The patched code takes whatever is at that"
                        + " address as the variable's thread-pointer offset and reads or writes a wild address. Do not"
                        + " access another object's thread-local variables from the patch.");
                continue;
            }
            if (used == null) {
                continue; // not an LDR Xt, [Xn, #imm]: nothing to compare
            }
            long mask = page ? ~0xfffL : 0xfffL;
            if (mine.stream().noneMatch(slot -> (slot & mask) == used)) {
                List<String> at = mine.stream().map(Elf::hex).toList();
                out.report(where(p, rr, s), what + usedText + ", but the original's GOT slot for " + name + " is at "
                        + String.join(", ", at) + ". The patched code loads another word as the variable's"
                        + " thread-pointer offset and reads or writes a wild address. Rebuild the patch against"
                        + " this exact binary, or do not access the variable from the patch.");
            }
        }
    }

    /** The relocation's symbol when it is an undefined (imported) STT_TLS symbol, else null. */
    private static Symbol importedTls(ElfFile elf, Elf.Reloc rr) {
        Symbol s = Elf.symbol(elf, rr.r().symbolIndex()).orElse(null);
        return s != null && s.type().is("TLS") && s.isUndefined() ? s : null;
    }

    private static Location where(PatchSubject p, Elf.Reloc rr, Symbol s) {
        return p.atElf(rr.r().fileOffset(), rr.section().section().entsize())
                .withSection(rr.section().section().name()).withSymbol(s.name());
    }

    /**
     * The byte offset an LDR Xt, [Xn, #imm] at the relocation's place loads from (imm12 scaled by 8),
     * or null when the place is not in the section's bytes or holds another instruction.
     */
    private static Long ldrOffset(ElfFile elf, Elf.Reloc rr) {
        Section target = elf.section(rr.section().target()).orElse(null);
        long off = rr.r().offset();
        if (target == null || !target.hasFileData() || Long.compareUnsigned(target.size(), 4) < 0
                || Long.compareUnsigned(off, target.size() - 4) > 0) {
            return null;
        }
        byte[] b = elf.read(target.offset() + off, 4);
        if (b.length < 4) {
            return null;
        }
        int insn = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        if ((insn & LDR_X_UIMM_MASK) != LDR_X_UIMM) {
            return null;
        }
        return (long) ((insn >>> 10) & 0xfff) << 3;
    }

    /** GOT slots of initial-exec TLS variables in the target: name to the slots' addresses. */
    private static Map<String, List<Long>> tlsSlots(ElfFile target) {
        Map<String, List<Long>> out = new HashMap<>();
        for (RelocationSection rs : target.relocationSections()) {
            if (rs.format() == RelocationSection.Format.RELR) {
                continue;
            }
            for (Relocation r : target.relocations(rs)) {
                if (r.type().value() == Elf.A_TLS_TPREL64 && r.symbolName() != null) {
                    out.computeIfAbsent(Elf.bare(r.symbolName()), k -> new ArrayList<>()).add(r.offset());
                }
            }
        }
        return out;
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
