package org.kpaudit.analyzer.checks;

import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.RelocationSection;

@Rule(id = "KP201", name = "unsupported-relocation", severity = Severity.ERROR,
        summary = "A relocation type the LibcarePlus loader does not handle for the patch's machine, or handles wrongly.",
        help = "The loader applies a fixed list of relocation types and fails the whole patch on any other"
                + " ('unknown relocation type'). x86_64: NONE, 64, 32, 32S, PC32, GOTPCREL, GOTPCRELX, REX_GOTPCRELX,"
                + " GOTTPOFF (lcp:src/arch/x86/arch_elf.c, kpatch-format.md 3.2). aarch64: NONE, ABS64,"
                + " ADD_ABS_LO12_NC, CALL26, JUMP26, ADR_PREL_PG_HI21, ADR_GOT_PAGE, LD64_GOT_LO12_NC,"
                + " LDST8/32/64_ABS_LO12_NC and the two TLSIE types (lcp:src/arch/aarch64/arch_elf.c, 3.3)."
                + " On aarch64 the LDST8 and LDST32 cases scale the offset as for 64-bit accesses, so they are"
                + " reported as warnings: the access lands at the wrong address unless the offset is a multiple of 8."
                + " SHT_REL sections are never handled. TLS types are left to KP205. Rebuild the patch so the"
                + " compiler does not emit the type (for example another code model or -fno-plt).")
public final class UnsupportedRelocationCheck extends PatchCheck {

    static final Set<Long> X86 = Set.of(Elf.X_NONE, Elf.X_64, Elf.X_32, Elf.X_32S, Elf.X_PC32, Elf.X_GOTPCREL,
            Elf.X_GOTPCRELX, Elf.X_REX_GOTPCRELX, Elf.X_GOTTPOFF);
    static final Set<Long> AARCH64 = Set.of(Elf.A_NONE, Elf.A_ABS64, Elf.A_ADD_ABS_LO12_NC, Elf.A_CALL26,
            Elf.A_JUMP26, Elf.A_ADR_PREL_PG_HI21, Elf.A_ADR_GOT_PAGE, Elf.A_LD64_GOT_LO12_NC, Elf.A_LDST8_ABS_LO12_NC,
            Elf.A_LDST32_ABS_LO12_NC, Elf.A_LDST64_ABS_LO12_NC, Elf.A_TLSIE_ADR_GOTTPREL_PAGE21,
            Elf.A_TLSIE_LD64_GOTTPREL_LO12_NC);

    @Override
    public void check(PatchSubject p, Findings out) {
        ElfFile elf = p.patch().elf();
        long m = p.machine();
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.format() == RelocationSection.Format.REL) {
                out.report(p.atElf(rs.section().offset(), rs.section().size()).withSection(rs.section().name()),
                        "Section " + rs.section().name() + " holds SHT_REL relocations (without addends); LibcarePlus"
                                + " handles only SHT_RELA ('Unable to handle SHT_REL').");
            }
        }
        if (m != Elf.EM_X86_64 && m != Elf.EM_AARCH64) {
            return;
        }
        org.kpaudit.analyzer.FindingGroups groups = new org.kpaudit.analyzer.FindingGroups();
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            long t = rr.type();
            if (Elf.isTls(m, t)) {
                continue;
            }
            String sec = rr.section().section().name();
            var where = p.atElf(rr.r().fileOffset(), rr.section().section().entsize()).withSection(sec)
                    .withSymbol(rr.r().symbolName());
            boolean ok = m == Elf.EM_X86_64 ? X86.contains(t) : AARCH64.contains(t);
            String item = "relocation " + rr.r().index() + (rr.r().symbolName() == null ? ""
                    : " against " + rr.r().symbolName());
            if (!ok) {
                groups.add(sec + "/" + t, null, where, "Relocation " + rr.r().index() + " of " + sec + " has type " + Elf.typeName(rr.r().type())
                        + (rr.r().symbolName() == null ? "" : " against " + rr.r().symbolName()) + ", which the"
                        + " LibcarePlus loader for " + (m == Elf.EM_X86_64 ? "x86_64" : "aarch64") + " does not handle:"
                        + " applying the patch fails with 'unknown relocation type'. Rebuild the patch so the compiler"
                        + " does not need this relocation.", item);
            } else if (t == Elf.A_LDST8_ABS_LO12_NC || t == Elf.A_LDST32_ABS_LO12_NC) {
                groups.add(sec + "/" + t, Severity.WARNING, where, "Relocation " + rr.r().index() + " of " + sec + " is "
                        + Elf.typeName(rr.r().type()) + ". The aarch64 loader scales its low 12 bits by 8 (>> 3), which"
                        + " is right only for 64-bit accesses, so the " + (t == Elf.A_LDST8_ABS_LO12_NC ? "byte" : "word")
                        + " load or store reaches the wrong address unless the offset is a multiple of 8. Review the"
                        + " patched code or avoid the access.", item);
            }
        }
        groups.flush(out, "relocation(s) of that type in the section");
    }
}
